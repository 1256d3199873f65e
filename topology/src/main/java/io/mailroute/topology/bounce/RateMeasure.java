package io.mailroute.topology.bounce;

import io.mailroute.topology.config.BounceSettings;
import java.util.OptionalDouble;

/**
 * What one scope's window measured: its bounces and, when sent counts cover the window, the mails
 * sent in it.
 *
 * @param scope       {@code owner:<id>} or {@code domain:<name>}
 * @param bounces     mails reporting a failed delivery in the window
 * @param sent        mails sent in the window, or empty without sent counts for it
 * @param windowStart first millisecond of the window
 * @param windowEnd   millisecond after the window
 */
record RateMeasure(String scope, long bounces, OptionalDouble sent, long windowStart, long windowEnd) {

    /** Bounces per mail sent with sent counts, else the bounce count against its thresholds. */
    RateLevel level(final BounceSettings settings) {
        return sent.isPresent()
                ? RateLevel.ofRate(bounces, sent.getAsDouble(), settings)
                : RateLevel.ofCount(bounces, settings);
    }
}
