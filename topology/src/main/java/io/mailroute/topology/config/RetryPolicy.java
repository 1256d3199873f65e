package io.mailroute.topology.config;

import java.time.Duration;

/**
 * How often and how late a mail is tried again.
 *
 * @param maxAttempts    the attempt that reaches this number goes to the DLQ instead of mail.retry
 * @param initialBackoff wait after the first failed attempt; doubled after each further one
 * @param maxBackoff     longest wait
 */
public record RetryPolicy(int maxAttempts, Duration initialBackoff, Duration maxBackoff) {

    /** True when a mail whose attempt {@code attempt} failed may not wait again. */
    public boolean exhausted(final int attempt) {
        return attempt >= maxAttempts;
    }

    /** Epoch millis of the next automatic attempt after attempt {@code attempt} failed at {@code now}. */
    public long nextAttemptAt(final int attempt, final long now) {
        final int doublings = Math.min(30, Math.max(0, attempt - 1));
        final long backoff = Math.min(maxBackoff.toMillis(), initialBackoff.toMillis() << doublings);
        return now + Math.max(0, backoff);
    }
}
