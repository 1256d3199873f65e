package io.mailroute.connectors.delivery;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.nio.file.Path;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.stream.Collectors;
import org.apache.kafka.common.config.ConfigValue;
import org.apache.kafka.connect.connector.Connector;

/** The configs the sink connectors' tests validate: the keys every sink needs, and the shipped examples. */
public final class SinkConnectorConfigs {
    private SinkConnectorConfigs() {}

    /** {@code setter} with the deliveries, the registry and the converters every sink needs. */
    public static <S extends DeliveringSinkSetter<S>> S common(final S setter) {
        return setter.deliveries("kafka:9092", "mail.deliveries")
                .registryUrl("http://registry:8081")
                .converters();
    }

    /** The error messages of each key {@code connector} refuses in {@code props}. */
    public static Map<String, List<String>> errors(final Connector connector, final Map<String, String> props) {
        return connector.validate(props).configValues().stream()
                .filter(v -> !v.errorMessages().isEmpty())
                .collect(Collectors.toMap(ConfigValue::name, ConfigValue::errorMessages));
    }

    /** The {@code config} of ops/connectors/{@code file}, as strings. */
    public static Map<String, String> example(final String file) throws IOException {
        final JsonNode example = new ObjectMapper()
                .readTree(Path.of("..", "ops", "connectors", file).toFile());
        final Map<String, String> config = new HashMap<>();
        example.get("config")
                .properties()
                .forEach(e -> config.put(e.getKey(), e.getValue().asText()));
        return config;
    }
}
