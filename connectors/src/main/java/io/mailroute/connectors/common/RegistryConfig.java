package io.mailroute.connectors.common;

import io.mailroute.schemas.serde.AvroSerdeConfig;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.apache.kafka.common.config.ConfigDef;
import org.apache.kafka.common.config.ConfigDef.Importance;
import org.apache.kafka.common.config.ConfigDef.Type;
import org.apache.kafka.common.config.ConfigDef.Width;
import org.apache.kafka.common.config.ConfigException;
import org.apache.kafka.common.config.ConfigValue;

/**
 * Schema-registry keys of the connectors. The connectors write values that are already Avro in the
 * Confluent wire format, so the worker must pass them through untouched: the connector's
 * {@code value.converter} has to be Connect's ByteArrayConverter, which {@link #validate} checks.
 */
public final class RegistryConfig {
    public static final String GROUP = "Schema registry";

    public static final String URL_CONFIG = AvroSerdeConfig.SCHEMA_REGISTRY_URL_CONFIG;
    private static final String URL_DOC =
            "Schema registry base URL(s), comma-separated; values are registered under <topic>-value.";

    public static final String USER_INFO_CONFIG = AvroSerdeConfig.USER_INFO_CONFIG;
    private static final String USER_INFO_DOC = "user:password for the registry's basic auth; never logged.";

    public static final String BEARER_TOKEN_CONFIG = AvroSerdeConfig.BEARER_AUTH_TOKEN_CONFIG;
    private static final String BEARER_TOKEN_DOC = "Bearer token for the registry; never logged.";

    public static final String VALUE_CONVERTER_CONFIG = "value.converter";
    public static final String REQUIRED_VALUE_CONVERTER = "org.apache.kafka.connect.converters.ByteArrayConverter";

    private static final ConfigDef.Validator NON_EMPTY_LIST = ConfigDef.LambdaValidator.with(
            (name, value) -> {
                if (value instanceof List<?> list && list.isEmpty()) {
                    throw new ConfigException(name, value, "at least one URL is required");
                }
            },
            () -> "a non-empty list of URLs");

    private RegistryConfig() {}

    /** Adds the registry keys to {@code def} in group {@value #GROUP}. */
    public static ConfigDef define(final ConfigDef def) {
        int order = 0;
        return def.define(
                        URL_CONFIG,
                        Type.LIST,
                        ConfigDef.NO_DEFAULT_VALUE,
                        NON_EMPTY_LIST,
                        Importance.HIGH,
                        URL_DOC,
                        GROUP,
                        ++order,
                        Width.LONG,
                        "Schema registry URL")
                .define(
                        USER_INFO_CONFIG,
                        Type.PASSWORD,
                        null,
                        Importance.LOW,
                        USER_INFO_DOC,
                        GROUP,
                        ++order,
                        Width.MEDIUM,
                        "Registry user info")
                .define(
                        BEARER_TOKEN_CONFIG,
                        Type.PASSWORD,
                        null,
                        Importance.LOW,
                        BEARER_TOKEN_DOC,
                        GROUP,
                        ++order,
                        Width.MEDIUM,
                        "Registry bearer token");
    }

    /** Checks that the connector passes its bytes through: {@code value.converter} must be ByteArrayConverter. */
    public static void validate(final Map<String, String> connectorConfig, final Map<String, ConfigValue> values) {
        final String converter = connectorConfig.get(VALUE_CONVERTER_CONFIG);
        if (!REQUIRED_VALUE_CONVERTER.equals(converter)) {
            final ConfigValue url = values.get(URL_CONFIG);
            url.addErrorMessage("value.converter must be " + REQUIRED_VALUE_CONVERTER
                    + " (the connector already writes Confluent-wire-format Avro); found " + converter);
        }
    }

    /** Serde properties for {@link io.mailroute.schemas.serde.AvroSerializer}, taken from the connector config. */
    public static Map<String, Object> serdeProperties(final Map<String, String> connectorConfig) {
        final Map<String, Object> props = new HashMap<>();
        connectorConfig.forEach((key, value) -> {
            if (AvroSerdeConfig.configDef().names().contains(key)) {
                props.put(key, value);
            }
        });
        if (props.containsKey(USER_INFO_CONFIG)) {
            props.putIfAbsent(AvroSerdeConfig.BASIC_AUTH_CREDENTIALS_SOURCE_CONFIG, "USER_INFO");
        }
        return props;
    }
}
