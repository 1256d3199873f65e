package io.mailroute.topology.bounce;

import io.mailroute.avro.AlertLevel;
import io.mailroute.topology.config.BounceSettings;

/** The alert level of a bounce rate: below warning (or too few mails), warning, critical. */
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

    static RateLevel of(final long bounces, final long mails, final BounceSettings settings) {
        if (mails < settings.minVolume()) {
            return NONE;
        }
        final double rate = (double) bounces / mails;
        if (rate >= settings.criticalRate()) {
            return CRITICAL;
        }
        return rate >= settings.warningRate() ? WARNING : NONE;
    }
}
