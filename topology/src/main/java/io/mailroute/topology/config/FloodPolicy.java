package io.mailroute.topology.config;

import java.time.Duration;

/**
 * When a sender or an owner floods: more than {@code quota} mails in one tumbling {@code window}
 * of S3 arrival time. A flooder stays flagged for {@code flagFor} after it last went over.
 *
 * @param window       the counting window
 * @param quota        mails allowed per key and window
 * @param flagFor      how long a flooder's mail keeps taking the overflow lane
 * @param senderDomain count senders by domain instead of by address
 */
public record FloodPolicy(Duration window, int quota, Duration flagFor, boolean senderDomain) {

    /** Start of the window {@code time} falls in. */
    public long windowStart(final long time) {
        return time - Math.floorMod(time, window.toMillis());
    }
}
