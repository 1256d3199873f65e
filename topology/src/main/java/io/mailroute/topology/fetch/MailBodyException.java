package io.mailroute.topology.fetch;

/**
 * A claim-checked mail could not be fetched. {@link #isTransient()} says whether trying again
 * later may work (throttling, timeouts, server errors, missing permissions) or not (the object or
 * the version is gone, or it changed since it was listed).
 */
public final class MailBodyException extends Exception {
    private static final long serialVersionUID = 1L;

    private final boolean transientFailure;
    private final String errorClass;

    /**
     * @param errorClass what failed, e.g. the S3 error code as {@code s3:NoSuchKey} or an exception class
     */
    public MailBodyException(final String errorClass, final String message, final boolean transientFailure, final Throwable cause) {
        super(message, cause);
        this.errorClass = errorClass;
        this.transientFailure = transientFailure;
    }

    public boolean isTransient() {
        return transientFailure;
    }

    public String errorClass() {
        return errorClass;
    }
}
