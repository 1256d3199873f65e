package io.mailroute.topology.bounce;

import io.mailroute.avro.Alert;
import io.mailroute.topology.config.BounceSettings;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.OptionalDouble;
import org.apache.kafka.streams.KeyValue;
import org.apache.kafka.streams.processor.PunctuationType;
import org.apache.kafka.streams.processor.api.Processor;
import org.apache.kafka.streams.processor.api.ProcessorContext;
import org.apache.kafka.streams.processor.api.Record;
import org.apache.kafka.streams.state.KeyValueIterator;
import org.apache.kafka.streams.state.KeyValueStore;

/**
 * Bounce rate per scope over a sliding window on the wall clock: {@code owner:<id>} and
 * {@code domain:<name>}, the sending domain (the bounced message's sender domain, else the domain
 * the mail was sent to; see {@link BounceEvents#sightings}). Bounces are mails reporting a failed
 * delivery; the rate is bounces per mail sent, from the sent counts of {@code mail.sent-counts}
 * ({@link SentCountProcessor}) that cover the window. A scope without sent counts for the window
 * has no rate (mails received say nothing about mails sent): its bounce count is held against the
 * count thresholds instead, and the alert says so. An alert goes to {@code mail.alerts} only when
 * the level changes: WARNING or CRITICAL when a threshold is crossed either way, RESOLVED when the
 * level falls below warning. Two reads and one write per bounce (other mail is not sighted); once
 * per check interval the windows slide on their own, so a scope that stops receiving mail still resolves (and sent counts that
 * arrived since are taken into account), and empty windows are dropped.
 */
final class BounceRateProcessor implements Processor<String, RateSighting, String, Alert> {
    private final String storeName;
    private final String sentStoreName;
    private final BounceSettings settings;
    private final long step;
    private ProcessorContext<String, Alert> context;
    private KeyValueStore<String, BounceRateWindow> windows;
    private KeyValueStore<String, SentSeries> sent;

    BounceRateProcessor(final String storeName, final String sentStoreName, final BounceSettings settings) {
        this.storeName = storeName;
        this.sentStoreName = sentStoreName;
        this.settings = settings;
        this.step = Math.max(1, settings.rateWindow().toMillis() / BounceRateWindow.BUCKETS);
    }

    @Override
    public void init(final ProcessorContext<String, Alert> context) {
        this.context = context;
        this.windows = context.getStateStore(storeName);
        this.sent = context.getStateStore(sentStoreName);
        context.schedule(
                Duration.ofMillis(Math.min(step, settings.checkInterval().toMillis())),
                PunctuationType.WALL_CLOCK_TIME,
                this::slideAll);
    }

    @Override
    public void process(final Record<String, RateSighting> record) {
        final long now = context.currentSystemTimeMs();
        final BounceRateWindow stored = windows.get(record.key());
        final BounceRateWindow window = stored == null ? new BounceRateWindow() : stored;
        window.slideTo(now / step);
        window.add(record.value());
        report(record.key(), window, now);
        windows.put(record.key(), window);
    }

    private void slideAll(final long now) {
        final List<KeyValue<String, BounceRateWindow>> changed = new ArrayList<>();
        final List<String> empty = new ArrayList<>();
        try (KeyValueIterator<String, BounceRateWindow> all = windows.all()) {
            while (all.hasNext()) {
                final KeyValue<String, BounceRateWindow> entry = all.next();
                entry.value.slideTo(now / step);
                if (report(entry.key, entry.value, now)) {
                    changed.add(entry);
                }
                if (entry.value.mails() == 0 && entry.value.level() == RateLevel.NONE) {
                    empty.add(entry.key);
                }
            }
        }
        changed.forEach(entry -> windows.put(entry.key, entry.value));
        empty.forEach(windows::delete);
    }

    /** Forwards an alert when the window's level differs from the one last reported; true when it did. */
    private boolean report(final String scope, final BounceRateWindow window, final long now) {
        final long windowEnd = (window.newest() + 1) * step;
        final long windowStart = windowEnd - BounceRateWindow.BUCKETS * step;
        final SentSeries series = sent.get(scope);
        final RateMeasure measure = new RateMeasure(
                scope,
                window.bounces(),
                series == null ? OptionalDouble.empty() : series.sentWithin(windowStart, windowEnd),
                windowStart,
                windowEnd);
        final RateLevel level = measure.level(settings);
        if (level == window.level()) {
            return false;
        }
        window.level(level);
        final Alert alert = BounceRateAlert.of(measure, level, settings, window.samples(), now);
        context.forward(new Record<>(alert.getAlertKey(), alert, now));
        return true;
    }
}
