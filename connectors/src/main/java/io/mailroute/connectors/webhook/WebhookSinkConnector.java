package io.mailroute.connectors.webhook;

import io.mailroute.connectors.delivery.DeliveringSinkConnector;
import java.util.Map;
import org.apache.kafka.common.config.ConfigDef;
import org.apache.kafka.common.config.ConfigValue;
import org.apache.kafka.connect.connector.Task;

/**
 * Posts to HTTP webhooks, by {@code webhook.kind}: {@code chat} posts {@code mail.alerts} to a
 * Slack-compatible incoming webhook as Block Kit messages (new patterns when first seen and then
 * summarised), {@code order} posts {@code mail.order-import} as JSON to an order system with an
 * {@code Idempotency-Key}. Every outcome is recorded on {@code mail.deliveries}, which each task
 * reads at start so that a record delivered once is never posted again. Values are
 * Confluent-wire-format Avro (use ByteArrayConverter).
 */
public final class WebhookSinkConnector extends DeliveringSinkConnector {
    @Override
    protected void parse(final Map<String, String> props) {
        new WebhookSinkConfig(props);
    }

    @Override
    public Class<? extends Task> taskClass() {
        return WebhookSinkTask.class;
    }

    @Override
    public ConfigDef config() {
        return WebhookSinkConfig.configDef();
    }

    /** The URL the kind needs. */
    @Override
    protected void validateSink(final Map<String, String> connectorConfigs, final Map<String, ConfigValue> values) {
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
    }

    private static boolean blank(final Map<String, String> props, final String key) {
        final String value = props.get(key);
        return value == null || value.isBlank();
    }
}
