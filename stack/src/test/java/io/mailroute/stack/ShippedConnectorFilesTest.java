package io.mailroute.stack;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * Every connector file of {@code ops/connectors/} (what local mode submits) and {@code ops/compose/}
 * (what docker-compose submits, or shows as examples) is valid for its connector's ConfigDef.
 */
class ShippedConnectorFilesTest {
    private static final ObjectMapper JSON = new ObjectMapper();
    private static final Path OPS = Path.of("..", "ops");

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
        final List<String> errors = ConnectorValidation.errors(props);

        assertThat(errors).as(file.toString()).isEmpty();
        if (json.has("config")) {
            assertThat(json.get("name").asText())
                    .isEqualTo(file.getFileName().toString().replace(".json", ""));
        }
    }
}
