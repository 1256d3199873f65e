package io.mailroute.topology.bounce;

import io.mailroute.avro.ClassifiedMail;
import io.mailroute.avro.Lane;
import io.mailroute.avro.TicketAction;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import org.apache.kafka.streams.KeyValue;
import org.apache.kafka.streams.processor.PunctuationType;
import org.apache.kafka.streams.processor.api.Processor;
import org.apache.kafka.streams.processor.api.ProcessorContext;
import org.apache.kafka.streams.processor.api.Record;
import org.apache.kafka.streams.state.KeyValueIterator;
import org.apache.kafka.streams.state.KeyValueStore;

/**
 * Tickets that close themselves, one per owner and bounced address: the first failure opens it,
 * further failures update it, a positive delivery report or a quiet period (wall clock) closes it.
 * Input is keyed by normalized address, so every ticket of an address lives in this task; output
 * is keyed by owner id (by ticket key when the bounce has no owner). At most four store operations
 * per record. A second store indexes the open tickets by last bounce time, so the quiet-period
 * check visits only the tickets that expire, however many are open.
 */
final class BounceTicketProcessor implements Processor<String, ClassifiedMail, String, ClassifiedMail> {
    /** Why a ticket closed, in {@code extracted} of the CLOSE record. */
    static final String CLOSED_BY = "closedBy";

    private final String storeName;
    private final String expiryStoreName;
    private final Duration quietPeriod;
    private final Duration checkInterval;
    private ProcessorContext<String, ClassifiedMail> context;
    private KeyValueStore<String, ClassifiedMail> open;
    /** Ticket keys by {@link #expiryKey}: ordered by last bounce time. */
    private KeyValueStore<String, String> byLastBounce;

    BounceTicketProcessor(
            final String storeName,
            final String expiryStoreName,
            final Duration quietPeriod,
            final Duration checkInterval) {
        this.storeName = storeName;
        this.expiryStoreName = expiryStoreName;
        this.quietPeriod = quietPeriod;
        this.checkInterval = checkInterval;
    }

    @Override
    public void init(final ProcessorContext<String, ClassifiedMail> context) {
        this.context = context;
        this.open = context.getStateStore(storeName);
        this.byLastBounce = context.getStateStore(expiryStoreName);
        context.schedule(checkInterval, PunctuationType.WALL_CLOCK_TIME, this::closeQuiet);
    }

    @Override
    public void process(final Record<String, ClassifiedMail> record) {
        final ClassifiedMail mail = record.value();
        if (mail.getLane() != Lane.TICKET) {
            return;
        }
        final String key = mail.getTicketKey();
        final long now = context.currentSystemTimeMs();
        switch (BounceOutcome.of(mail.getBounces().get(0))) {
            case FAILED -> {
                final ClassifiedMail before = open.get(key);
                if (before != null) {
                    byLastBounce.delete(expiryKey(before));
                }
                final ClassifiedMail ticket =
                        withAction(mail, before == null ? TicketAction.OPEN : TicketAction.UPDATE, now, null);
                open.put(key, ticket);
                byLastBounce.put(expiryKey(ticket), key);
                context.forward(record.withKey(recordKey(ticket)).withValue(ticket));
            }
            case DELIVERED -> {
                final ClassifiedMail before = open.delete(key);
                if (before != null) {
                    byLastBounce.delete(expiryKey(before));
                    final ClassifiedMail closed = withAction(mail, TicketAction.CLOSE, now, "delivered");
                    context.forward(record.withKey(recordKey(closed)).withValue(closed));
                }
            }
            case AUTO_REPLY -> {
                // an auto-reply shows the address works; it neither opens nor closes a ticket
            }
        }
    }

    private void closeQuiet(final long now) {
        final long cutoff = now - quietPeriod.toMillis();
        final List<KeyValue<String, String>> quiet = new ArrayList<>();
        try (KeyValueIterator<String, String> oldestFirst = byLastBounce.all()) {
            while (oldestFirst.hasNext()) {
                final KeyValue<String, String> entry = oldestFirst.next();
                if (Long.parseLong(entry.key.substring(0, entry.key.indexOf('|'))) > cutoff) {
                    break;
                }
                quiet.add(entry);
            }
        }
        for (final KeyValue<String, String> entry : quiet) {
            byLastBounce.delete(entry.key);
            final ClassifiedMail ticket = open.delete(entry.value);
            if (ticket != null) {
                final ClassifiedMail closed = withAction(ticket, TicketAction.CLOSE, now, "quiet-period");
                context.forward(new Record<>(recordKey(closed), closed, now));
            }
        }
    }

    /** The index key of a ticket: its last bounce time, zero-padded so that keys sort by time, and its key. */
    private static String expiryKey(final ClassifiedMail ticket) {
        return String.format(
                Locale.ROOT, "%019d|%s", Math.max(0, ticket.getClassifiedAt().toEpochMilli()), ticket.getTicketKey());
    }

    private static ClassifiedMail withAction(
            final ClassifiedMail mail, final TicketAction action, final long now, final String closedBy) {
        final ClassifiedMail.Builder ticket =
                ClassifiedMail.newBuilder(mail).setTicketAction(action).setClassifiedAt(Instant.ofEpochMilli(now));
        if (closedBy != null) {
            final Map<String, String> extracted = new HashMap<>(mail.getExtracted());
            extracted.put(CLOSED_BY, closedBy);
            ticket.setExtracted(extracted);
        }
        return ticket.build();
    }

    private static String recordKey(final ClassifiedMail ticket) {
        return ticket.getOwnerId() == null ? ticket.getTicketKey() : ticket.getOwnerId();
    }
}
