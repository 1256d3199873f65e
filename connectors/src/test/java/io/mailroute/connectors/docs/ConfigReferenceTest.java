package io.mailroute.connectors.docs;

import static org.assertj.core.api.Assertions.assertThat;

import io.mailroute.connectors.helpdesk.HelpdeskSinkConfig;
import io.mailroute.connectors.organizations.OrganizationsSourceConfig;
import io.mailroute.connectors.s3.S3MailSourceConfig;
import io.mailroute.connectors.smtp.SmtpSinkConfig;
import io.mailroute.connectors.webhook.WebhookSinkConfig;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import java.util.TreeMap;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.apache.kafka.common.config.ConfigDef;
import org.junit.jupiter.api.Test;

/**
 * Keeps connectors/README.md's configuration tables generated from the ConfigDefs: the test fails
 * when a table is stale. Run with {@code -Dmailroute.docs.update=true} to rewrite them.
 */
class ConfigReferenceTest {
    private static final Path README = Path.of("README.md");

    static Map<String, ConfigDef> connectors() {
        final Map<String, ConfigDef> defs = new TreeMap<>();
        defs.put("HelpdeskSinkConnector", HelpdeskSinkConfig.configDef());
        defs.put("OrganizationsSourceConnector", OrganizationsSourceConfig.configDef());
        defs.put("S3MailSourceConnector", S3MailSourceConfig.configDef());
        defs.put("SmtpSinkConnector", SmtpSinkConfig.configDef());
        defs.put("WebhookSinkConnector", WebhookSinkConfig.configDef());
        return defs;
    }

    @Test
    void shouldDocumentEveryKeyWithGroupAndOneLineDoc() {
        connectors()
                .forEach((connector, def) -> def.configKeys().values().forEach(key -> {
                    assertThat(key.documentation)
                            .as("%s %s doc", connector, key.name)
                            .isNotBlank()
                            .doesNotContain("\n");
                    assertThat(key.group).as("%s %s group", connector, key.name).isNotBlank();
                    assertThat(key.displayName)
                            .as("%s %s display name", connector, key.name)
                            .isNotBlank();
                }));
    }

    @Test
    void shouldKeepTheReadmeTablesInStepWithTheConfigDefs() throws IOException {
        String readme = Files.readString(README, StandardCharsets.UTF_8);
        final StringBuilder stale = new StringBuilder();
        for (final Map.Entry<String, ConfigDef> entry : connectors().entrySet()) {
            final Pattern section = Pattern.compile(
                    "(<!-- config:" + entry.getKey() + " -->\n)(.*?)(<!-- /config:" + entry.getKey() + " -->)",
                    Pattern.DOTALL);
            final Matcher matcher = section.matcher(readme);
            assertThat(matcher.find())
                    .as("README has markers for %s", entry.getKey())
                    .isTrue();
            final String table = ConfigReference.markdown(entry.getValue());
            if (!matcher.group(2).equals(table)) {
                stale.append(entry.getKey()).append(' ');
                readme = readme.substring(0, matcher.start(2)) + table + readme.substring(matcher.end(2));
            }
        }
        if (Boolean.getBoolean("mailroute.docs.update")) {
            Files.writeString(README, readme, StandardCharsets.UTF_8);
            return;
        }
        assertThat(stale.toString())
                .as("stale README tables; rerun with -Dmailroute.docs.update=true")
                .isEmpty();
    }
}
