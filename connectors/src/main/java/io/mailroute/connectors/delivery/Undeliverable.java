package io.mailroute.connectors.delivery;

/** A record given up, recorded FAILED: dead-letter it, with the reason (the remote's reply, if any). */
public final class Undeliverable extends Exception {
    private static final long serialVersionUID = 1L;

    public Undeliverable(final String reason, final Throwable cause) {
        super(reason, cause);
    }
}
