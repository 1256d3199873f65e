package io.mailroute.connectors.delivery;

import java.time.Duration;
import java.util.Optional;

/**
 * A failed attempt, classified by the channel: the cause is the channel's own failure, the message
 * what is recorded as the outcome's detail.
 */
public final class DeliveryFailure extends Exception {
    private static final long serialVersionUID = 1L;

    /** What to do about it. */
    public enum Kind {
        /** Try again later (after the remote's retry-after, if it gave one). */
        TRANSIENT,
        /** Trying again cannot help: FAILED and dead-lettered. */
        PERMANENT,
        /** Nothing can be delivered until the configuration is fixed: the task fails. */
        FATAL
    }

    private final Kind kind;
    private final transient Duration retryAfter;

    private DeliveryFailure(final Kind kind, final String message, final Duration retryAfter, final Throwable cause) {
        super(message, cause);
        this.kind = kind;
        this.retryAfter = retryAfter;
    }

    /** Transient, retried after {@code retryAfter} when present, else after the policy's backoff. */
    public static DeliveryFailure transientFailure(
            final String message, final Optional<Duration> retryAfter, final Throwable cause) {
        return new DeliveryFailure(Kind.TRANSIENT, message, retryAfter.orElse(null), cause);
    }

    public static DeliveryFailure permanent(final String message, final Throwable cause) {
        return new DeliveryFailure(Kind.PERMANENT, message, null, cause);
    }

    public static DeliveryFailure fatal(final String message, final Throwable cause) {
        return new DeliveryFailure(Kind.FATAL, message, null, cause);
    }

    public Kind kind() {
        return kind;
    }

    public Optional<Duration> retryAfter() {
        return Optional.ofNullable(retryAfter);
    }
}
