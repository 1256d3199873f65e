package io.mailroute.runtime.status;

/** A request that cannot be served, with the HTTP status that says why; its message goes to the client. */
final class ApiException extends RuntimeException {
    private final int status;

    ApiException(final int status, final String message) {
        super(message);
        this.status = status;
    }

    int status() {
        return status;
    }
}
