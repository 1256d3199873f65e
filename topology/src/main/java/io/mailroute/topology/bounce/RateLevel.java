package io.mailroute.topology.bounce;

import io.mailroute.avro.AlertLevel;
import io.mailroute.topology.config.BounceSettings;

/** The alert level of a bounce rate or count: below warning (or too few mails sent), warning, critical. */
enum RateLevel {
    NONE(AlertLevel.RESOLVED),
    WARNING(AlertLevel.WARNING),
    CRITICAL(AlertLevel.CRITICAL);

    private final AlertLevel alertLevel;

    RateLevel(final AlertLevel alertLevel) {
        this.alertLevel = alertLevel;
    }

    /** The level of an alert reporting a change to this level. */
    AlertLevel alertLevel() {
        return alertLevel;
    }

    /** The level of {@code bounces} per {@code sent} mails. */
    static RateLevel ofRate(final long bounces, final double sent, final BounceSettings settings) {
        if (sent < settings.minVolume()) {
            return NONE;
        }
        final double rate = bounces / sent;
        if (rate >= settings.criticalRate()) {
            return CRITICAL;
        }
        return rate >= settings.warningRate() ? WARNING : NONE;
    }

    /** The level of {@code bounces} in a window without sent counts. */
    static RateLevel ofCount(final long bounces, final BounceSettings settings) {
        if (bounces >= settings.criticalCount()) {
            return CRITICAL;
        }
        return bounces >= settings.warningCount() ? WARNING : NONE;
    }
}
