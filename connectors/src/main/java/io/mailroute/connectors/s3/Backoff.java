package io.mailroute.connectors.s3;

import java.time.Duration;
import java.util.concurrent.ThreadLocalRandom;

/** Exponential backoff with jitter (half to all of the step) after consecutive transient failures. */
final class Backoff {
    private final long initialMs;
    private final long maxMs;
    private int failures;
    private long retryAtMs;

    Backoff(final Duration initial, final Duration max) {
        this.initialMs = initial.toMillis();
        this.maxMs = Math.max(max.toMillis(), initialMs);
    }

    /** Records a failure at {@code nowMs}; returns the wait before the next attempt. */
    Duration failed(final long nowMs) {
        failures++;
        final long step = Math.min(maxMs, initialMs << Math.min(failures - 1, 30));
        final long waitMs = step / 2 + ThreadLocalRandom.current().nextLong(step / 2 + 1);
        retryAtMs = nowMs + waitMs;
        return Duration.ofMillis(waitMs);
    }

    void succeeded() {
        failures = 0;
        retryAtMs = 0;
    }

    /** Milliseconds still to wait at {@code nowMs}, 0 when an attempt may be made. */
    long remainingMs(final long nowMs) {
        return Math.max(0, retryAtMs - nowMs);
    }

    int failures() {
        return failures;
    }
}
