package io.mailroute.topology.flood;

import io.mailroute.avro.Alert;
import io.mailroute.avro.AlertLevel;
import io.mailroute.avro.AlertType;
import io.mailroute.topology.config.FloodPolicy;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import org.apache.kafka.streams.processor.api.Processor;
import org.apache.kafka.streams.processor.api.ProcessorContext;
import org.apache.kafka.streams.processor.api.Record;
import org.apache.kafka.streams.state.WindowStore;

/**
 * Counts the mails of each flood key in tumbling windows of arrival time, from the tallies of
 * {@link FloodSightings}. The tally that takes a key over its quota in a window raises the key's
 * FLOOD alert for that window (naming the tally's last mail), which flags the
 * key until {@code flagFor} after the window ends: {@link FloodFlags} reads the alert back from
 * mail.alerts into a global store, so every task's {@link FloodCheck} sees it. A flood that goes
 * on goes over again in the next window, and its new alert extends the flag.
 */
final class FloodCounter implements Processor<String, FloodSighting, String, Alert> {
    /** Alert attribute: until when (ISO instant, arrival time) the key's mail takes the overflow lane. */
    static final String FLAGGED_UNTIL = "flaggedUntil";
    /** Prefix of FLOOD alert keys; the scope follows. */
    static final String ALERT_PREFIX = "flood:";

    private final FloodPolicy policy;
    private final String countStoreName;
    private ProcessorContext<String, Alert> context;
    private WindowStore<String, Long> counts;

    FloodCounter(final FloodPolicy policy, final String countStoreName) {
        this.policy = policy;
        this.countStoreName = countStoreName;
    }

    @Override
    public void init(final ProcessorContext<String, Alert> context) {
        this.context = context;
        this.counts = context.getStateStore(countStoreName);
    }

    @Override
    public void process(final Record<String, FloodSighting> record) {
        final FloodSighting sighting = record.value();
        final long windowStart = policy.windowStart(sighting.arrived());
        final Long stored = counts.fetch(record.key(), windowStart);
        final long before = stored == null ? 0 : stored;
        final long count = before + sighting.count();
        counts.put(record.key(), count, windowStart);
        if (before <= policy.quota() && count > policy.quota()) {
            final Alert alert = alert(record.key(), sighting, windowStart, count);
            context.forward(new Record<>(alert.getAlertKey(), alert, record.timestamp()));
        }
    }

    private Alert alert(final String key, final FloodSighting sighting, final long windowStart, final long count) {
        final long windowEnd = windowStart + policy.window().toMillis();
        final Instant flaggedUntil =
                Instant.ofEpochMilli(windowEnd + policy.flagFor().toMillis());
        return Alert.newBuilder()
                .setAlertKey(ALERT_PREFIX + key)
                .setType(AlertType.FLOOD)
                .setLevel(AlertLevel.WARNING)
                .setScope(key)
                .setMessage(sighting.kind() + " " + key.substring(key.indexOf(':') + 1) + " sent more than "
                        + policy.quota() + " mails within " + policy.window()
                        + "; its mail takes the overflow lane until " + flaggedUntil)
                .setCount(count)
                .setThreshold((double) policy.quota())
                .setWindowStart(Instant.ofEpochMilli(windowStart))
                .setWindowEnd(Instant.ofEpochMilli(windowEnd))
                .setSampleMailIds(List.of(sighting.mailId()))
                .setAttributes(Map.of("kind", sighting.kind(), FLAGGED_UNTIL, flaggedUntil.toString()))
                .setRaisedAt(Instant.ofEpochMilli(context.currentSystemTimeMs()))
                .build();
    }
}
