package io.mailroute.stack;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.regex.Pattern;
import java.util.stream.Stream;
import org.apache.kafka.common.config.ConfigDef;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * Every connector file of {@code ops/connectors/} (what local mode submits) and {@code ops/compose/}
 * (what docker-compose submits, or shows as examples) is valid for its connector's ConfigDef, and
 * docker-compose's give every {@code PASSWORD} config as a {@code ${env:...}} reference the Connect
 * worker resolves. The worker resolves references before it validates, so a reference is validated
 * as the value local mode's file of the same connector gives that key (runtime's ComposeFileTest
 * holds compose's values to those).
 */
class ShippedConnectorFilesTest {
    private static final ObjectMapper JSON = new ObjectMapper();
    private static final Path OPS = Path.of("..", "ops");

    private static final Pattern ENV_REFERENCE = Pattern.compile("\\$\\{env:[A-Za-z_][A-Za-z0-9_]*}");

    static Stream<Path> composeFiles() throws IOException {
        return files().filter(file -> file.getParent().getFileName().toString().equals("compose"));
    }

    static Stream<Path> files() throws IOException {
        try (Stream<Path> local = Files.list(OPS.resolve("connectors"));
                Stream<Path> compose = Files.list(OPS.resolve("compose"))) {
            return Stream.concat(local.toList().stream(), compose.toList().stream())
                    .filter(file -> file.toString().endsWith(".json"))
                    .sorted();
        }
    }

    @ParameterizedTest
    @MethodSource("files")
    void shouldBeValidForItsConnector(final Path file) throws Exception {
        final JsonNode json = JSON.readTree(file.toFile());
        final JsonNode config = json.has("config") ? json.get("config") : json;
        final Map<String, String> props = new LinkedHashMap<>();
        config.properties().forEach(e -> props.put(e.getKey(), e.getValue().asText()));
        props.replaceAll((key, value) -> ENV_REFERENCE.matcher(value).matches() ? localValue(file, key) : value);
        final List<String> errors = ConnectorValidation.errors(props);

        assertThat(errors).as(file.toString()).isEmpty();
        if (json.has("config")) {
            assertThat(json.get("name").asText())
                    .isEqualTo(file.getFileName().toString().replace(".json", ""));
        }
    }

    @ParameterizedTest
    @MethodSource("composeFiles")
    void shouldGiveEverySecretAsAnEnvReference(final Path file) throws Exception {
        final JsonNode config = JSON.readTree(file.toFile());
        final ConfigDef def =
                ConnectorValidation.configDef(config.get("connector.class").asText());
        final List<String> passwords = def.configKeys().values().stream()
                .filter(key -> key.type == ConfigDef.Type.PASSWORD && config.has(key.name))
                .map(key -> key.name)
                .toList();

        assertThat(passwords).as(file.toString()).isNotEmpty();
        assertThat(passwords)
                .as(file.toString())
                .allSatisfy(name -> assertThat(config.get(name).asText()).matches(ENV_REFERENCE));
    }

    /** The value the {@code ops/connectors/} file of the same name gives {@code key}. */
    private static String localValue(final Path composeFile, final String key) {
        final Path local = OPS.resolve("connectors").resolve(composeFile.getFileName());
        try {
            final JsonNode value = JSON.readTree(local.toFile()).path("config").get(key);
            assertThat(value).as("%s of %s", key, local).isNotNull();
            return value.asText();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
