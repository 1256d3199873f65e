package io.mailroute.connectors.delivery;

import io.mailroute.connectors.common.ConnectorSetter;
import java.time.Duration;
import java.util.Map;

/**
 * The fluent builder every delivering sink's {@code Setter} extends: the {@link DeliveriesConfig} keys
 * besides those of every connector.
 */
public abstract class DeliveringSinkSetter<S extends DeliveringSinkSetter<S>> extends ConnectorSetter<S> {
    protected DeliveringSinkSetter(final Map<String, String> props) {
        super(props);
    }

    public S retries(final int maxAttempts, final Duration initial, final Duration max) {
        return set(DeliveriesConfig.MAX_ATTEMPTS_CONFIG, maxAttempts)
                .set(DeliveriesConfig.BACKOFF_INITIAL_MS_CONFIG, initial.toMillis())
                .set(DeliveriesConfig.BACKOFF_MAX_MS_CONFIG, max.toMillis());
    }

    public S deliveries(final String bootstrapServers, final String topic) {
        return set(DeliveriesConfig.BOOTSTRAP_CONFIG, bootstrapServers).set(DeliveriesConfig.TOPIC_CONFIG, topic);
    }
}
