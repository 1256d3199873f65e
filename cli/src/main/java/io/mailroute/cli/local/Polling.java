package io.mailroute.cli.local;

import java.time.Duration;
import java.util.function.BooleanSupplier;

/** Waits for a condition another process or thread brings about. */
final class Polling {
    private static final Duration INTERVAL = Duration.ofMillis(250);

    private Polling() {}

    /**
     * Checks {@code condition} until it holds.
     *
     * @throws IllegalStateException naming {@code what} when it does not hold within {@code timeout}
     */
    static void await(final String what, final Duration timeout, final BooleanSupplier condition)
            throws InterruptedException {
        final long deadline = System.nanoTime() + timeout.toNanos();
        while (!condition.getAsBoolean()) {
            if (System.nanoTime() > deadline) {
                throw new IllegalStateException("gave up waiting after " + timeout.toSeconds() + " s for " + what);
            }
            Thread.sleep(INTERVAL.toMillis());
        }
    }
}
