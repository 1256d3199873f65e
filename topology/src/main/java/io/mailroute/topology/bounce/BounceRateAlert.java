package io.mailroute.topology.bounce;

import io.mailroute.avro.Alert;
import io.mailroute.avro.AlertType;
import io.mailroute.topology.config.BounceSettings;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/**
 * The {@code mail.alerts} record of a change of a scope's bounce level. With sent counts it reports
 * the rate (count: bounces, total: mails sent, rate, the rate threshold); without them the bounce
 * count alone (no total and no rate, the count threshold) and says that there is no rate and why.
 */
final class BounceRateAlert {
    /** Prefix of the alert keys. */
    static final String KEY_PREFIX = "bounce-rate:";

    private BounceRateAlert() {}

    static Alert of(
            final RateMeasure measure,
            final RateLevel level,
            final BounceSettings settings,
            final List<String> samples,
            final long now) {
        final String scope = measure.scope();
        final String kind = scope.substring(0, scope.indexOf(':'));
        final String name = scope.substring(scope.indexOf(':') + 1);
        final String window = lastWindow(settings.rateWindow());
        final Alert.Builder alert = Alert.newBuilder()
                .setAlertKey(KEY_PREFIX + scope)
                .setType(AlertType.BOUNCE_RATE)
                .setLevel(level.alertLevel())
                .setScope(scope)
                .setCount(measure.bounces())
                .setWindowStart(Instant.ofEpochMilli(measure.windowStart()))
                .setWindowEnd(Instant.ofEpochMilli(measure.windowEnd()))
                .setSampleMailIds(samples)
                .setAttributes(Map.of(kind, name))
                .setRaisedAt(Instant.ofEpochMilli(now));
        if (measure.sent().isEmpty()) {
            final long threshold = level == RateLevel.CRITICAL ? settings.criticalCount() : settings.warningCount();
            return alert.setThreshold((double) threshold)
                    .setMessage(String.format(
                            Locale.ROOT,
                            "%d bounces in %s for %s %s; no sent counts for %s %s, so no rate: %s the %s count %d",
                            measure.bounces(),
                            window,
                            kind,
                            name,
                            kind,
                            name,
                            level == RateLevel.NONE ? "below" : "at or above",
                            level == RateLevel.CRITICAL ? "critical" : "warning",
                            threshold))
                    .build();
        }
        final double sent = measure.sent().getAsDouble();
        final double rate = sent == 0 ? 0 : measure.bounces() / sent;
        final double threshold = level == RateLevel.CRITICAL ? settings.criticalRate() : settings.warningRate();
        final String measured = String.format(
                Locale.ROOT,
                "bounce rate %.1f %% (%d bounces of %d mails sent in %s) for %s %s",
                rate * 100,
                measure.bounces(),
                Math.round(sent),
                window,
                kind,
                name);
        final String judged = switch (level) {
            case NONE ->
                sent < settings.minVolume()
                        ? String.format(
                                Locale.ROOT, ", fewer than %d mails sent: too few to judge", settings.minVolume())
                        : String.format(Locale.ROOT, ", below the warning threshold %.1f %%", threshold * 100);
            case WARNING, CRITICAL ->
                String.format(
                        Locale.ROOT,
                        ", at or above the %s threshold %.1f %%",
                        level.name().toLowerCase(Locale.ROOT),
                        threshold * 100);
        };
        return alert.setTotal(Math.round(sent))
                .setRate(rate)
                .setThreshold(threshold)
                .setMessage(measured + judged)
                .build();
    }

    /** "the last hour", "the last 30 minutes": the window as the message names it. */
    static String lastWindow(final Duration window) {
        if (window.equals(Duration.ofHours(1))) {
            return "the last hour";
        }
        if (window.equals(Duration.ofMinutes(1))) {
            return "the last minute";
        }
        if (window.toMinutes() > 0 && window.equals(Duration.ofMinutes(window.toMinutes()))) {
            return window.toMinutes() % 60 == 0
                    ? "the last " + window.toHours() + " hours"
                    : "the last " + window.toMinutes() + " minutes";
        }
        return "the last " + window.toMillis() + " ms";
    }
}
