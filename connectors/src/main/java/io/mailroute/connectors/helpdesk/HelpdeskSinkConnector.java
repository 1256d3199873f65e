package io.mailroute.connectors.helpdesk;

import io.mailroute.connectors.common.ConnectorVersion;
import io.mailroute.connectors.common.LowerCaseEnums;
import io.mailroute.connectors.common.RegistryConfig;
import io.mailroute.connectors.helpdesk.HelpdeskSinkConfig.Kind;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.function.Function;
import java.util.stream.Collectors;
import org.apache.kafka.common.config.Config;
import org.apache.kafka.common.config.ConfigDef;
import org.apache.kafka.common.config.ConfigValue;
import org.apache.kafka.connect.connector.Task;
import org.apache.kafka.connect.sink.SinkConnector;

/**
 * Opens, updates and closes helpdesk tickets from {@code mail.ticket}, by {@code helpdesk.kind}:
 * {@code zendesk} (tickets with {@code external_id} = the ticket key) or {@code backlog} (issues
 * whose summary starts with {@code [<ticketKey>]}). A ticket is always looked up by its key before
 * one is created, so a key never gets a second ticket. Every outcome is recorded on
 * {@code mail.deliveries}, which each task reads at start so that a record applied once is never
 * applied again. Values are Confluent-wire-format Avro (use ByteArrayConverter).
 */
public final class HelpdeskSinkConnector extends SinkConnector {
    private Map<String, String> props;

    @Override
    public String version() {
        return ConnectorVersion.get();
    }

    @Override
    public void start(final Map<String, String> props) {
        this.props = Map.copyOf(props);
        new HelpdeskSinkConfig(this.props);
    }

    @Override
    public Class<? extends Task> taskClass() {
        return HelpdeskSinkTask.class;
    }

    /** {@code maxTasks} identical tasks: the worker splits the input partitions among them. */
    @Override
    public List<Map<String, String>> taskConfigs(final int maxTasks) {
        final List<Map<String, String>> configs = new ArrayList<>(maxTasks);
        for (int task = 0; task < maxTasks; task++) {
            configs.add(props);
        }
        return configs;
    }

    @Override
    public void stop() {
        // nothing to release: tasks own the clients
    }

    @Override
    public ConfigDef config() {
        return HelpdeskSinkConfig.configDef();
    }

    /** Field validation, the keys the kind needs, and that values reach the task as the bytes written. */
    @Override
    public Config validate(final Map<String, String> connectorConfigs) {
        final Config config = super.validate(connectorConfigs);
        final Map<String, ConfigValue> values =
                config.configValues().stream().collect(Collectors.toMap(ConfigValue::name, Function.identity()));
        RegistryConfig.validate(connectorConfigs, values);
        final Kind kind;
        try {
            kind = LowerCaseEnums.parse(Kind.class, connectorConfigs.getOrDefault(HelpdeskSinkConfig.KIND_CONFIG, ""));
        } catch (IllegalArgumentException e) {
            return config; // reported by the kind's validator
        }
        for (final String key : HelpdeskSinkConfig.required(kind)) {
            if (HelpdeskSinkConfig.missing(key, connectorConfigs)) {
                values.get(key)
                        .addErrorMessage(key + " is required with " + HelpdeskSinkConfig.KIND_CONFIG + "="
                                + kind.name().toLowerCase(Locale.ROOT));
            }
        }
        return config;
    }
}
