package io.mailroute.connectors.smtp;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.mailroute.connectors.delivery.SinkConnectorConfigs;
import io.mailroute.connectors.smtp.SmtpSinkConfig.Security;
import java.nio.file.Path;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.apache.kafka.common.config.ConfigException;
import org.junit.jupiter.api.Test;

class SmtpSinkConnectorTest {
    private static Map<String, String> props() {
        return SinkConnectorConfigs.common(SmtpSinkConfig.setter(new HashMap<>()))
                .smtp("smtp.example.com", 587)
                .from("no-reply@mailroute.example", "support@mailroute.example")
                .set("topics", "mail.notify")
                .props();
    }

    private static Map<String, List<String>> errors(final Map<String, String> props) {
        return SinkConnectorConfigs.errors(new SmtpSinkConnector(), props);
    }

    @Test
    void shouldAcceptAMinimalConfigWithSecureDefaults() {
        assertThat(errors(props())).isEmpty();
        final SmtpSinkConfig config = new SmtpSinkConfig(props());
        assertThat(config.security()).isEqualTo(Security.STARTTLS);
        assertThat(config.fromUrgent()).isEqualTo("support@mailroute.example");
        assertThat(config.messageIdDomain()).isEqualTo("mailroute.example");
        assertThat(config.deliveries().clientConfig()).containsEntry("bootstrap.servers", "kafka:9092");
    }

    @Test
    void shouldAcceptTheExampleConfig() throws Exception {
        final JsonNode example = new ObjectMapper()
                .readTree(Path.of("..", "ops", "connectors", "smtp-notify.json").toFile());
        final Map<String, String> config = new HashMap<>();
        example.get("config")
                .properties()
                .forEach(e -> config.put(e.getKey(), e.getValue().asText()));

        assertThat(example.get("name").asText()).isEqualTo("smtp-notify");
        assertThat(config.get("connector.class")).isEqualTo(SmtpSinkConnector.class.getName());
        assertThat(errors(config)).isEmpty();
    }

    @Test
    void shouldDeriveTheMessageIdDomainFromADisplayNameSender() {
        final Map<String, String> props = props();
        props.put(SmtpSinkConfig.FROM_DEFAULT_CONFIG, "Mail notices <no-reply@notices.example.org>");
        assertThat(new SmtpSinkConfig(props).messageIdDomain()).isEqualTo("notices.example.org");
    }

    @Test
    void shouldRefuseABadSenderSecurityOrConverter() {
        final Map<String, String> props = props();
        props.put(SmtpSinkConfig.FROM_DEFAULT_CONFIG, "not an address");
        props.put(SmtpSinkConfig.SECURITY_CONFIG, "ssl");
        props.put("value.converter", "io.confluent.connect.avro.AvroConverter");
        assertThat(errors(props))
                .containsKeys(
                        SmtpSinkConfig.FROM_DEFAULT_CONFIG, SmtpSinkConfig.SECURITY_CONFIG, "schema.registry.url");
    }

    @Test
    void shouldRefuseAPasswordInClearTextToARemoteServer() {
        final Map<String, String> props = SmtpSinkConfig.setter(props())
                .security(Security.NONE)
                .auth("notices", "secret")
                .props();
        assertThat(errors(props)).containsKey(SmtpSinkConfig.USERNAME_CONFIG);
        props.put(SmtpSinkConfig.HOST_CONFIG, "127.0.0.1");
        assertThat(errors(props)).isEmpty();
    }

    @Test
    void shouldHideThePassword() {
        final Map<String, String> props =
                SmtpSinkConfig.setter(props()).auth("notices", "secret").props();
        final SmtpSinkConfig config = new SmtpSinkConfig(props);
        assertThat(config.password()).isEqualTo("secret");
        assertThat(config.values().get(SmtpSinkConfig.PASSWORD_CONFIG).toString())
                .doesNotContain("secret");
    }

    @Test
    void shouldRequireHostSenderAndDeliveriesBootstrap() {
        assertThatThrownBy(() -> new SmtpSinkConfig(Map.of("schema.registry.url", "http://r")))
                .isInstanceOf(ConfigException.class);
    }

    @Test
    void shouldGiveEveryTaskTheConnectorsConfig() {
        final SmtpSinkConnector connector = new SmtpSinkConnector();
        connector.start(props());
        assertThat(connector.taskConfigs(3))
                .hasSize(3)
                .allSatisfy(c -> assertThat(c).isEqualTo(props()));
        assertThat(connector.taskClass()).isEqualTo(SmtpSinkTask.class);
    }
}
