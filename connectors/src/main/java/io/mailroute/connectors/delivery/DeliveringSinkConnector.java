package io.mailroute.connectors.delivery;

import io.mailroute.connectors.common.ConnectorVersion;
import io.mailroute.connectors.common.RegistryConfig;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.function.Function;
import java.util.stream.Collectors;
import org.apache.kafka.common.config.Config;
import org.apache.kafka.common.config.ConfigValue;
import org.apache.kafka.connect.sink.SinkConnector;

/**
 * What every delivering sink connector does alike: it checks its config at start, hands every task
 * the same config (the worker splits the input partitions among them; tasks own the clients), and
 * validates the fields, that values reach the task as the bytes written, and the sink's own rules.
 */
public abstract class DeliveringSinkConnector extends SinkConnector {
    private Map<String, String> props;

    @Override
    public final String version() {
        return ConnectorVersion.get();
    }

    @Override
    public final void start(final Map<String, String> props) {
        this.props = Map.copyOf(props);
        parse(this.props);
    }

    /** Parses {@code props} into the sink's config, failing the connector when they are invalid. */
    protected abstract void parse(Map<String, String> props);

    /** {@code maxTasks} identical tasks. */
    @Override
    public final List<Map<String, String>> taskConfigs(final int maxTasks) {
        final List<Map<String, String>> configs = new ArrayList<>(maxTasks);
        for (int task = 0; task < maxTasks; task++) {
            configs.add(props);
        }
        return configs;
    }

    @Override
    public final void stop() {
        // nothing to release: tasks own the clients
    }

    @Override
    public final Config validate(final Map<String, String> connectorConfigs) {
        final Config config = super.validate(connectorConfigs);
        final Map<String, ConfigValue> values =
                config.configValues().stream().collect(Collectors.toMap(ConfigValue::name, Function.identity()));
        RegistryConfig.validate(connectorConfigs, values);
        validateSink(connectorConfigs, values);
        return config;
    }

    /** The sink's own rules across keys, reported on {@code values}. */
    protected abstract void validateSink(Map<String, String> connectorConfigs, Map<String, ConfigValue> values);
}
