package io.mailroute.connectors.delivery;

import java.time.Duration;

/** A transient failure, recorded RETRYING: hand the same record again after {@link #backoff()}. */
public final class Retry extends Exception {
    private static final long serialVersionUID = 1L;
    private final transient Duration backoff;

    public Retry(final String reason, final Duration backoff, final Throwable cause) {
        super(reason, cause);
        this.backoff = backoff;
    }

    public Duration backoff() {
        return backoff;
    }
}
