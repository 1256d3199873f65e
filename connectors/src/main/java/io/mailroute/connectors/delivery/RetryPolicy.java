package io.mailroute.connectors.delivery;

import java.time.Duration;

/**
 * How a delivering sink retries a transient failure: up to {@code maxAttempts} attempts, waiting
 * {@code initialBackoff} after the first and doubling up to {@code maxBackoff}.
 */
public record RetryPolicy(int maxAttempts, Duration initialBackoff, Duration maxBackoff) {
    /** The wait after {@code attempt} failed. */
    public Duration backoff(final int attempt) {
        final int shift = Math.min(attempt - 1, 30);
        return Duration.ofMillis(Math.min(maxBackoff.toMillis(), initialBackoff.toMillis() << shift));
    }
}
