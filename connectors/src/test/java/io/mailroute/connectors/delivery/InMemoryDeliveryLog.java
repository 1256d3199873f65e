package io.mailroute.connectors.delivery;

import io.mailroute.avro.Delivery;
import io.mailroute.avro.DeliveryOutcome;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

/** A {@link DeliveryLog} in memory: every outcome recorded, in order. */
public final class InMemoryDeliveryLog implements DeliveryLog {
    public final List<Map.Entry<String, Delivery>> recorded = new ArrayList<>();
    private final Map<String, Delivery> latest = new ConcurrentHashMap<>();

    @Override
    public synchronized boolean delivered(final String key) {
        final Delivery delivery = latest.get(key);
        return delivery != null && delivery.getOutcome() == DeliveryOutcome.DELIVERED;
    }

    @Override
    public synchronized void record(final String key, final Delivery delivery, final boolean durable) {
        recorded.add(Map.entry(key, delivery));
        latest.put(key, delivery);
    }

    public synchronized Delivery latest(final String key) {
        return latest.get(key);
    }

    @Override
    public void flush() {}

    @Override
    public void close() {}
}
