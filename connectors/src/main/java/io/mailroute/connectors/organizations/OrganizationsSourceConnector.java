package io.mailroute.connectors.organizations;

import io.mailroute.connectors.aws.AwsConfig;
import io.mailroute.connectors.common.ConnectorVersion;
import io.mailroute.connectors.common.RegistryConfig;
import java.util.List;
import java.util.Map;
import java.util.function.Function;
import java.util.stream.Collectors;
import org.apache.kafka.common.config.Config;
import org.apache.kafka.common.config.ConfigDef;
import org.apache.kafka.common.config.ConfigValue;
import org.apache.kafka.connect.connector.Task;
import org.apache.kafka.connect.errors.ConnectException;
import org.apache.kafka.connect.source.ExactlyOnceSupport;
import org.apache.kafka.connect.source.SourceConnector;

/**
 * Keeps the compacted {@code mail.accounts} topic in step with AWS Organizations: one
 * {@code AccountMapping} per ACTIVE account keyed by account id, a tombstone when an account
 * leaves or stops being ACTIVE. Values are Confluent-wire-format Avro (use ByteArrayConverter).
 */
public final class OrganizationsSourceConnector extends SourceConnector {
    private Map<String, String> props;

    @Override
    public String version() {
        return ConnectorVersion.get();
    }

    @Override
    public void start(final Map<String, String> props) {
        this.props = Map.copyOf(props);
        new OrganizationsSourceConfig(this.props);
    }

    @Override
    public Class<? extends Task> taskClass() {
        return OrganizationsSourceTask.class;
    }

    /** One task: the organization is listed as a whole so that removals can be seen. */
    @Override
    public List<Map<String, String>> taskConfigs(final int maxTasks) {
        return List.of(props);
    }

    @Override
    public void stop() {
        // nothing to release: tasks own the clients
    }

    @Override
    public ConfigDef config() {
        return OrganizationsSourceConfig.configDef();
    }

    @Override
    public Config validate(final Map<String, String> connectorConfigs) {
        final Config config = super.validate(connectorConfigs);
        final Map<String, ConfigValue> values =
                config.configValues().stream().collect(Collectors.toMap(ConfigValue::name, Function.identity()));
        AwsConfig.validate(values);
        RegistryConfig.validate(connectorConfigs, values);
        return config;
    }

    /** Records are idempotent upserts keyed by account id, written per poll: safe in one transaction per poll. */
    @Override
    public ExactlyOnceSupport exactlyOnceSupport(final Map<String, String> connectorConfig) {
        return ExactlyOnceSupport.SUPPORTED;
    }

    @Override
    public boolean alterOffsets(
            final Map<String, String> connectorConfig, final Map<Map<String, ?>, Map<String, ?>> offsets) {
        offsets.forEach((partition, offset) -> {
            if (partition == null || !(partition.get(OrganizationsSourceTask.PARTITION_KEY) instanceof String)) {
                throw new ConnectException("Source partition must have the string key '"
                        + OrganizationsSourceTask.PARTITION_KEY + "', found " + partition);
            }
            AccountSnapshot.fromOffset(offset);
        });
        return true;
    }
}
