package io.mailroute.connectors.organizations;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.apache.kafka.common.config.ConfigValue;
import org.apache.kafka.connect.errors.ConnectException;
import org.apache.kafka.connect.source.ExactlyOnceSupport;
import org.junit.jupiter.api.Test;

class OrganizationsSourceConnectorTest {
    private final OrganizationsSourceConnector connector = new OrganizationsSourceConnector();

    private static Map<String, String> validConfig() {
        final Map<String, String> config = new HashMap<>();
        config.put("schema.registry.url", "http://127.0.0.1:8081");
        config.put("value.converter", "org.apache.kafka.connect.converters.ByteArrayConverter");
        return config;
    }

    private List<String> errors(final Map<String, String> config, final String key) {
        return connector.validate(config).configValues().stream()
                .filter(v -> v.name().equals(key))
                .findFirst()
                .map(ConfigValue::errorMessages)
                .orElseThrow();
    }

    @Test
    void shouldAcceptAMinimalConfigUsingTheDefaultCredentialChain() {
        assertThat(connector.validate(validConfig()).configValues())
                .allSatisfy(v -> assertThat(v.errorMessages()).isEmpty());
    }

    @Test
    void shouldFailValidationWhenOnlyTheKeyIdIsGiven() {
        final Map<String, String> config = validConfig();
        config.put("aws.access.key.id", "AKIDEXAMPLE");

        assertThat(errors(config, "aws.secret.access.key"))
                .singleElement()
                .asString()
                .contains("must be set together");
    }

    @Test
    void shouldFailValidationWhenValuesWouldBeConvertedAgain() {
        final Map<String, String> config = validConfig();
        config.put("value.converter", "org.apache.kafka.connect.json.JsonConverter");

        assertThat(errors(config, "schema.registry.url"))
                .singleElement()
                .asString()
                .contains("ByteArrayConverter")
                .contains("JsonConverter");
    }

    @Test
    void shouldFailValidationOnAMalformedEndpointAndPageSize() {
        final Map<String, String> config = validConfig();
        config.put("aws.endpoint.url", "localhost:4566");
        config.put("organizations.page.size", "50");

        assertThat(errors(config, "aws.endpoint.url"))
                .singleElement()
                .asString()
                .contains("http(s) URL");
        assertThat(errors(config, "organizations.page.size")).isNotEmpty();
    }

    @Test
    void shouldRunOneTaskWhateverTheMaximum() {
        connector.start(validConfig());

        assertThat(connector.taskConfigs(8)).hasSize(1);
        assertThat(connector.exactlyOnceSupport(validConfig())).isEqualTo(ExactlyOnceSupport.SUPPORTED);
    }

    @Test
    void shouldValidateOffsetsWhenOperatorsAlterThem() {
        final Map<String, ?> partition = Map.of(OrganizationsSourceTask.PARTITION_KEY, "organization");

        assertThat(connector.alterOffsets(
                        validConfig(), Map.of(partition, Map.of("v", 1, "accounts", "111111111111=ab12;"))))
                .isTrue();
        assertThatThrownBy(() ->
                        connector.alterOffsets(validConfig(), Map.of(partition, Map.of("v", 1, "accounts", "broken;"))))
                .isInstanceOf(ConnectException.class)
                .hasMessageContaining("malformed entry: broken");
        assertThatThrownBy(() ->
                        connector.alterOffsets(validConfig(), Map.of(Map.of("x", 1), Map.of("v", 1, "accounts", ""))))
                .isInstanceOf(ConnectException.class)
                .hasMessageContaining("'organizations'");
    }
}
