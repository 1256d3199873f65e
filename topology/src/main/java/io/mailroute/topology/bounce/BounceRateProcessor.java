package io.mailroute.topology.bounce;

import io.mailroute.avro.Alert;
import io.mailroute.avro.AlertType;
import io.mailroute.topology.config.BounceSettings;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
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
 * Bounce rate per scope over a sliding window on the wall clock: {@code owner:<id>} and
 * {@code domain:<name>}, the sending domain (the bounced message's sender domain, else the domain
 * the mail was sent to; see {@link BounceEvents#sightings}). Bounces (mails reporting a failed
 * delivery) per mail seen. An alert goes to
 * {@code mail.alerts} only when the level changes: WARNING or CRITICAL when a threshold is
 * crossed either way, RESOLVED when the rate falls below warning or the volume below the minimum.
 * One read and one write per mail; once per check interval the windows slide on their own, so a
 * scope that stops receiving mail still resolves, and empty windows are dropped.
 */
final class BounceRateProcessor implements Processor<String, RateSighting, String, Alert> {
    /** Prefix of the alert keys. */
    static final String ALERT_PREFIX = "bounce-rate:";

    private final String storeName;
    private final BounceSettings settings;
    private final long step;
    private ProcessorContext<String, Alert> context;
    private KeyValueStore<String, BounceRateWindow> windows;

    BounceRateProcessor(final String storeName, final BounceSettings settings) {
        this.storeName = storeName;
        this.settings = settings;
        this.step = Math.max(1, settings.rateWindow().toMillis() / BounceRateWindow.BUCKETS);
    }

    @Override
    public void init(final ProcessorContext<String, Alert> context) {
        this.context = context;
        this.windows = context.getStateStore(storeName);
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
        final long mails = window.mails();
        final long bounces = window.bounces();
        final RateLevel level = RateLevel.of(bounces, mails, settings);
        if (level == window.level()) {
            return false;
        }
        window.level(level);
        final Alert alert = alert(scope, window, level, bounces, mails, now);
        context.forward(new Record<>(alert.getAlertKey(), alert, now));
        return true;
    }

    private Alert alert(
            final String scope,
            final BounceRateWindow window,
            final RateLevel level,
            final long bounces,
            final long mails,
            final long now) {
        final double rate = mails == 0 ? 0 : (double) bounces / mails;
        final double threshold = level == RateLevel.CRITICAL ? settings.criticalRate() : settings.warningRate();
        final String kind = scope.substring(0, scope.indexOf(':'));
        final String name = scope.substring(scope.indexOf(':') + 1);
        final String measured = String.format(
                Locale.ROOT,
                "bounce rate %.1f %% (%d of %d mails in %s) for %s %s",
                rate * 100,
                bounces,
                mails,
                settings.rateWindow(),
                kind,
                name);
        final String message = switch (level) {
            case NONE ->
                measured
                        + (mails < settings.minVolume() ? ", too few mails to judge" : ", below the warning threshold")
                        + String.format(Locale.ROOT, " %.1f %%", settings.warningRate() * 100);
            case WARNING, CRITICAL ->
                measured
                        + String.format(
                                Locale.ROOT,
                                ", at or above the %s threshold %.1f %%",
                                level.name().toLowerCase(Locale.ROOT),
                                threshold * 100);
        };
        final long windowEnd = (window.newest() + 1) * step;
        return Alert.newBuilder()
                .setAlertKey(ALERT_PREFIX + scope)
                .setType(AlertType.BOUNCE_RATE)
                .setLevel(level.alertLevel())
                .setScope(scope)
                .setMessage(message)
                .setCount(bounces)
                .setTotal(mails)
                .setRate(rate)
                .setThreshold(threshold)
                .setWindowStart(Instant.ofEpochMilli(windowEnd - BounceRateWindow.BUCKETS * step))
                .setWindowEnd(Instant.ofEpochMilli(windowEnd))
                .setSampleMailIds(window.samples())
                .setAttributes(Map.of(kind, name))
                .setRaisedAt(Instant.ofEpochMilli(now))
                .build();
    }
}
