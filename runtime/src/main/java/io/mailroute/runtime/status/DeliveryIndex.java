package io.mailroute.runtime.status;

import io.mailroute.avro.Delivery;
import io.mailroute.avro.DeliveryChannel;
import io.mailroute.avro.DeliveryOutcome;
import io.micrometer.core.instrument.FunctionCounter;
import io.micrometer.core.instrument.MeterRegistry;
import java.util.ArrayList;
import java.util.EnumMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.atomic.AtomicLong;

/**
 * What the delivery watcher has seen on {@code mail.deliveries}: the latest outcome of each delivery
 * of the {@code mailLimit} mails whose deliveries were recorded last (older mails are forgotten
 * first), and the outcome records per channel and outcome, also as the Prometheus counter
 * {@value #DELIVERY_METER}.
 */
final class DeliveryIndex {
    static final String DELIVERY_METER = "mailroute.deliveries";
    static final String UNDECODABLE_METER = "mailroute.deliveries.undecodable";

    private final int mailLimit;
    private final Map<DeliveryChannel, Map<DeliveryOutcome, AtomicLong>> counts = new EnumMap<>(DeliveryChannel.class);
    private final AtomicLong undecodable = new AtomicLong();
    /** Per mail id, its deliveries by {@code ownerId|channel}; the mail updated last comes last. */
    private final LinkedHashMap<String, Map<String, Views.DeliveryView>> byMail;

    DeliveryIndex(final MeterRegistry registry, final int mailLimit) {
        if (mailLimit < 1) {
            throw new IllegalArgumentException("mailLimit must be positive: " + mailLimit);
        }
        this.mailLimit = mailLimit;
        this.byMail = new LinkedHashMap<>(16, 0.75f, false) {
            @Override
            protected boolean removeEldestEntry(final Map.Entry<String, Map<String, Views.DeliveryView>> eldest) {
                return size() > DeliveryIndex.this.mailLimit;
            }
        };
        for (final DeliveryChannel channel : DeliveryChannel.values()) {
            final Map<DeliveryOutcome, AtomicLong> perOutcome = new EnumMap<>(DeliveryOutcome.class);
            for (final DeliveryOutcome outcome : DeliveryOutcome.values()) {
                final AtomicLong count = new AtomicLong();
                perOutcome.put(outcome, count);
                FunctionCounter.builder(DELIVERY_METER, count, AtomicLong::doubleValue)
                        .description("Delivery outcomes recorded by the sinks on mail.deliveries")
                        .tag("channel", channel.name())
                        .tag("outcome", outcome.name())
                        .register(registry);
            }
            counts.put(channel, perOutcome);
        }
        FunctionCounter.builder(UNDECODABLE_METER, undecodable, AtomicLong::doubleValue)
                .description("Records on mail.deliveries that could not be decoded")
                .register(registry);
    }

    /** Counts {@code delivery} and makes it the latest outcome of its delivery. */
    void add(final Delivery delivery) {
        counts.get(delivery.getChannel()).get(delivery.getOutcome()).incrementAndGet();
        final String mailId = delivery.getMailId();
        final Views.DeliveryView view = Views.DeliveryView.of(delivery);
        synchronized (byMail) {
            // taken out and put back, so the mail counts as the most recently updated one
            Map<String, Views.DeliveryView> deliveries = byMail.remove(mailId);
            if (deliveries == null) {
                deliveries = new LinkedHashMap<>();
            }
            deliveries.put(
                    deliveryKey(delivery.getOwnerId(), delivery.getChannel().name()), view);
            byMail.put(mailId, deliveries);
        }
    }

    /**
     * Forgets the delivery of a tombstone's key, {@code mailId|ownerId|channel} (the mail id may
     * itself hold {@code |}); a key of another shape is ignored.
     */
    void remove(final String key) {
        final int channelAt = key == null ? -1 : key.lastIndexOf('|');
        final int ownerAt = channelAt <= 0 ? -1 : key.lastIndexOf('|', channelAt - 1);
        if (ownerAt < 0) {
            return;
        }
        final String mailId = key.substring(0, ownerAt);
        final String owner = key.substring(ownerAt + 1, channelAt);
        synchronized (byMail) {
            final Map<String, Views.DeliveryView> deliveries = byMail.get(mailId);
            if (deliveries != null) {
                deliveries.remove(deliveryKey(owner.isEmpty() ? null : owner, key.substring(channelAt + 1)));
                if (deliveries.isEmpty()) {
                    byMail.remove(mailId);
                }
            }
        }
    }

    void addUndecodable() {
        undecodable.incrementAndGet();
    }

    /** The latest outcome of each delivery of {@code mailId} known here, in the order first recorded. */
    List<Views.DeliveryView> of(final String mailId) {
        synchronized (byMail) {
            final Map<String, Views.DeliveryView> deliveries = byMail.get(mailId);
            return deliveries == null ? List.of() : new ArrayList<>(deliveries.values());
        }
    }

    /** The mails whose deliveries are held. */
    int mails() {
        synchronized (byMail) {
            return byMail.size();
        }
    }

    /** Outcome records seen of {@code channel} and {@code outcome}. */
    long count(final DeliveryChannel channel, final DeliveryOutcome outcome) {
        return counts.get(channel).get(outcome).get();
    }

    private static String deliveryKey(final String ownerId, final String channel) {
        return (ownerId == null ? "" : ownerId) + "|" + channel;
    }
}
