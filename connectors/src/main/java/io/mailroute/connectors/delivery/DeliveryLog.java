package io.mailroute.connectors.delivery;

import io.mailroute.avro.Delivery;
import io.mailroute.avro.DeliveryChannel;
import java.util.Map;

/**
 * Where a sink records every outcome ({@code mail.deliveries}) and asks, before sending, whether
 * a record was already delivered: the latest outcome per {@code mailId|ownerId|channel}.
 */
public interface DeliveryLog extends AutoCloseable {
    /** Opens a task's log from the sink's deliveries keys and the connector's properties. */
    @FunctionalInterface
    interface Factory {
        DeliveryLog open(DeliveriesConfig config, Map<String, String> connectorProps);
    }

    /** The key of a delivery on {@code mail.deliveries}: {@code mailId|ownerId|channel}, an absent owner as empty. */
    static String key(final String mailId, final String ownerId, final DeliveryChannel channel) {
        return mailId + "|" + (ownerId == null ? "" : ownerId) + "|" + channel.name();
    }

    /** Whether the latest outcome recorded for {@code key} is DELIVERED. */
    boolean delivered(String key);

    /**
     * Records {@code delivery} under {@code key}; with {@code durable} it returns only once the record
     * is acknowledged by the broker (a DELIVERED outcome must survive the task).
     */
    void record(String key, Delivery delivery, boolean durable);

    /** Waits until every recorded outcome is acknowledged. */
    void flush();

    @Override
    void close();
}
