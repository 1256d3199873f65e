package io.mailroute.embedded;

/**
 * A Connect REST call answered with an error status, was not answered, or (from the await
 * methods) the awaited state was not reached.
 */
public final class ConnectRestException extends RuntimeException {
    private static final long serialVersionUID = 1L;

    private final int status;

    /**
     * @param status  the HTTP error status, or -1 when there was no error answer
     * @param message what failed, with Connect's error message
     * @param cause   the I/O failure, or null
     */
    public ConnectRestException(final int status, final String message, final Throwable cause) {
        super(message, cause);
        this.status = status;
    }

    /** The HTTP error status, or -1 when there was no error answer. */
    public int status() {
        return status;
    }
}
