package io.mailroute.schemas.registry;

/**
 * A request the registry refused or could not answer. Carries the HTTP status and the Confluent
 * error code ({@code 40401} subject not found, {@code 40403} schema not found, {@code 409}
 * incompatible, ...); both are {@code -1} when the registry could not be reached.
 */
public class SchemaRegistryException extends RuntimeException {
    private static final long serialVersionUID = 1L;

    public static final int SUBJECT_NOT_FOUND = 40401;
    public static final int VERSION_NOT_FOUND = 40402;
    public static final int SCHEMA_NOT_FOUND = 40403;
    public static final int INCOMPATIBLE = 409;
    public static final int INVALID_SCHEMA = 42201;

    private final int httpStatus;
    private final int errorCode;

    public SchemaRegistryException(final int httpStatus, final int errorCode, final String message) {
        super(message);
        this.httpStatus = httpStatus;
        this.errorCode = errorCode;
    }

    public SchemaRegistryException(final String message, final Throwable cause) {
        super(message, cause);
        this.httpStatus = -1;
        this.errorCode = -1;
    }

    public int httpStatus() {
        return httpStatus;
    }

    public int errorCode() {
        return errorCode;
    }

    /** True for the 404 family: subject, version or schema unknown. */
    public boolean isNotFound() {
        return httpStatus == 404;
    }
}
