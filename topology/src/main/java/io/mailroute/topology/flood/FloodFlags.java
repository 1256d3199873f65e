package io.mailroute.topology.flood;

import io.mailroute.avro.Alert;
import io.mailroute.avro.AlertType;
import java.time.Instant;
import java.time.format.DateTimeParseException;
import org.apache.kafka.streams.processor.api.Processor;
import org.apache.kafka.streams.processor.api.ProcessorContext;
import org.apache.kafka.streams.processor.api.Record;
import org.apache.kafka.streams.state.KeyValueStore;

/**
 * Keeps the global flood-flag store from the FLOOD alerts on mail.alerts: flood key → until when
 * (arrival time, epoch millis) its mail takes the overflow lane. Other alerts are ignored; an
 * earlier flag never shortens a later one. Rebuilt from mail.alerts on every start.
 */
final class FloodFlags implements Processor<String, Alert, Void, Void> {
    private final String storeName;
    private KeyValueStore<String, Long> flags;

    FloodFlags(final String storeName) {
        this.storeName = storeName;
    }

    @Override
    public void init(final ProcessorContext<Void, Void> context) {
        flags = context.getStateStore(storeName);
    }

    @Override
    public void process(final Record<String, Alert> record) {
        final Alert alert = record.value();
        if (alert == null || alert.getType() != AlertType.FLOOD || alert.getScope() == null) {
            return;
        }
        final String until = alert.getAttributes().get(FloodCounter.FLAGGED_UNTIL);
        if (until == null) {
            return;
        }
        try {
            final long millis = Instant.parse(until).toEpochMilli();
            final Long known = flags.get(alert.getScope());
            if (known == null || known < millis) {
                flags.put(alert.getScope(), millis);
            }
        } catch (DateTimeParseException e) {
            // an alert written by someone else; it flags nothing
        }
    }
}
