package io.mailroute.runtime.status;

/**
 * Counts of events per second over the last {@value #SECONDS} seconds, by event time, in a ring
 * of one-second buckets: how many records a lane received in the last one and five minutes.
 */
final class LaneRateWindow {
    static final int SECONDS = 300;

    private final long[] counts = new long[SECONDS];
    private final long[] seconds = new long[SECONDS];

    /** Counts one event at {@code timestampMs}; events older than the window are ignored. */
    synchronized void record(final long timestampMs, final long nowMs) {
        final long now = Math.floorDiv(nowMs, 1000);
        // a record stamped slightly ahead of this clock counts as now
        final long second = Math.min(Math.floorDiv(timestampMs, 1000), now);
        if (second <= now - SECONDS) {
            return;
        }
        final int slot = (int) Math.floorMod(second, (long) SECONDS);
        if (seconds[slot] != second) {
            seconds[slot] = second;
            counts[slot] = 0;
        }
        counts[slot]++;
    }

    /** Events per minute over the last {@code windowSeconds} seconds (1..{@value #SECONDS}) before {@code nowMs}. */
    synchronized double perMinute(final int windowSeconds, final long nowMs) {
        final long now = Math.floorDiv(nowMs, 1000);
        long total = 0;
        for (int i = 0; i < SECONDS; i++) {
            if (seconds[i] > now - windowSeconds && seconds[i] <= now) {
                total += counts[i];
            }
        }
        return total * 60.0 / windowSeconds;
    }
}
