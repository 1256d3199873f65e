package io.mailroute.stack;

import java.util.List;
import java.util.Map;
import java.util.stream.Stream;
import org.apache.kafka.common.config.ConfigDef;
import org.apache.kafka.common.config.ConfigValue;
import org.apache.kafka.connect.connector.Connector;
import org.apache.kafka.connect.runtime.ConnectorConfig;
import org.apache.kafka.connect.runtime.SinkConnectorConfig;
import org.apache.kafka.connect.runtime.SourceConnectorConfig;
import org.apache.kafka.connect.sink.SinkConnector;

/**
 * A shipped connector config held to its connector's ConfigDef, as the worker's validate call does,
 * and to the keys the worker knows: the connector's, the framework's for its kind (errors.*,
 * exactly.once.support, ...) and the prefixed client overrides, converter, transform and
 * topic-creation settings. A key none of them knows is a typo the worker would ignore.
 */
final class ConnectorValidation {
    private static final List<String> FRAMEWORK_PREFIXES = List.of(
            ConnectorConfig.CONNECTOR_CLIENT_PRODUCER_OVERRIDES_PREFIX,
            ConnectorConfig.CONNECTOR_CLIENT_CONSUMER_OVERRIDES_PREFIX,
            ConnectorConfig.CONNECTOR_CLIENT_ADMIN_OVERRIDES_PREFIX,
            ConnectorConfig.KEY_CONVERTER_CLASS_CONFIG + ".",
            ConnectorConfig.VALUE_CONVERTER_CLASS_CONFIG + ".",
            ConnectorConfig.HEADER_CONVERTER_CLASS_CONFIG + ".",
            ConnectorConfig.TRANSFORMS_CONFIG + ".",
            ConnectorConfig.PREDICATES_PREFIX,
            SourceConnectorConfig.TOPIC_CREATION_PREFIX);

    private ConnectorValidation() {}

    /** The ConfigDef of {@code connectorClass}. */
    static ConfigDef configDef(final String connectorClass) throws ReflectiveOperationException {
        return connector(connectorClass).config();
    }

    /** The keys the ConfigDef of {@code connector.class} rejects or misses and the keys nothing knows; empty when valid. */
    static List<String> errors(final Map<String, String> props) throws ReflectiveOperationException {
        final Connector connector = connector(props.get(ConnectorConfig.CONNECTOR_CLASS_CONFIG));
        final ConfigDef framework = connector instanceof SinkConnector
                ? SinkConnectorConfig.configDef()
                : SourceConnectorConfig.configDef();
        final Stream<String> rejected = connector.config().validate(props).stream()
                .filter(value -> !value.errorMessages().isEmpty())
                .map(ConfigValue::toString);
        final Stream<String> unknown = props.keySet().stream()
                .filter(key -> !connector.config().names().contains(key)
                        && !framework.names().contains(key)
                        && FRAMEWORK_PREFIXES.stream().noneMatch(key::startsWith))
                .map(key -> "unknown key " + key);
        return Stream.concat(rejected, unknown).toList();
    }

    private static Connector connector(final String connectorClass) throws ReflectiveOperationException {
        return (Connector)
                Class.forName(connectorClass).getDeclaredConstructor().newInstance();
    }
}
