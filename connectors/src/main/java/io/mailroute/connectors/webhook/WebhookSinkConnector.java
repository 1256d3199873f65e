package io.mailroute.connectors.webhook;

import io.mailroute.connectors.common.ConnectorVersion;
import io.mailroute.connectors.common.RegistryConfig;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.function.Function;
import java.util.stream.Collectors;
import org.apache.kafka.common.config.Config;
import org.apache.kafka.common.config.ConfigDef;
import org.apache.kafka.common.config.ConfigValue;
import org.apache.kafka.connect.connector.Task;
import org.apache.kafka.connect.sink.SinkConnector;

/**
 * Posts to HTTP webhooks, by {@code webhook.kind}: {@code chat} posts {@code mail.alerts} to a
 * Slack-compatible incoming webhook as Block Kit messages (new patterns when first seen and then
 * summarised), {@code order} posts {@code mail.order-import} as JSON to an order system with an
 * {@code Idempotency-Key}. Every outcome is recorded on {@code mail.deliveries}, which each task
 * reads at start so that a record delivered once is never posted again. Values are
 * Confluent-wire-format Avro (use ByteArrayConverter).
 */
public final class WebhookSinkConnector extends SinkConnector {
    private Map<String, String> props;

    @Override
    public String version() {
        return ConnectorVersion.get();
    }

    @Override
    public void start(final Map<String, String> props) {
        this.props = Map.copyOf(props);
        new WebhookSinkConfig(this.props);
    }

    @Override
    public Class<? extends Task> taskClass() {
        return WebhookSinkTask.class;
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
        return WebhookSinkConfig.configDef();
    }

    /** Field validation, the URL the kind needs, and that values reach the task as the bytes written. */
    @Override
    public Config validate(final Map<String, String> connectorConfigs) {
        final Config config = super.validate(connectorConfigs);
        final Map<String, ConfigValue> values =
                config.configValues().stream().collect(Collectors.toMap(ConfigValue::name, Function.identity()));
        RegistryConfig.validate(connectorConfigs, values);
        final String kind =
                connectorConfigs.getOrDefault(WebhookSinkConfig.KIND_CONFIG, "").trim();
        if (kind.equalsIgnoreCase("chat") && blank(connectorConfigs, WebhookSinkConfig.CHAT_URL_CONFIG)) {
            values.get(WebhookSinkConfig.CHAT_URL_CONFIG)
                    .addErrorMessage(WebhookSinkConfig.CHAT_URL_CONFIG + " is required with "
                            + WebhookSinkConfig.KIND_CONFIG + "=chat");
        }
        if (kind.equalsIgnoreCase("order") && blank(connectorConfigs, WebhookSinkConfig.ORDER_URL_CONFIG)) {
            values.get(WebhookSinkConfig.ORDER_URL_CONFIG)
                    .addErrorMessage(WebhookSinkConfig.ORDER_URL_CONFIG + " is required with "
                            + WebhookSinkConfig.KIND_CONFIG + "=order");
        }
        return config;
    }

    private static boolean blank(final Map<String, String> props, final String key) {
        final String value = props.get(key);
        return value == null || value.isBlank();
    }
}
