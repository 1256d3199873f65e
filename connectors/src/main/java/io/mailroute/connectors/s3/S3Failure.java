package io.mailroute.connectors.s3;

import java.io.IOException;
import java.io.UncheckedIOException;
import software.amazon.awssdk.awscore.exception.AwsServiceException;
import software.amazon.awssdk.core.exception.SdkException;

/**
 * An S3 call that failed, classified once into what the caller does about it: retry later, give
 * the object up, or stop the task. Messages carry the S3 error code and never object contents.
 */
final class S3Failure extends RuntimeException {
    private static final long serialVersionUID = 1L;

    /** What the failure means for the object and the task. */
    enum Kind {
        /** Throttling, 5xx, network or a truncated read: back off and try again; the object keeps its place. */
        TRANSIENT,
        /** The object is gone (404). */
        MISSING,
        /** The object changed since it was read (412 on a conditional request). */
        CHANGED,
        /** This object cannot be read or copied (e.g. SSE-C without the key, archived): dead-letter it. */
        OBJECT,
        /** Credentials, permissions, bucket or region are wrong: retrying cannot help, fail the task. */
        FATAL
    }

    private final Kind kind;
    private final String errorCode;
    private final String errorClass;

    private S3Failure(final Kind kind, final String errorCode, final String errorClass, final String message, final Throwable cause) {
        super(message, cause);
        this.kind = kind;
        this.errorCode = errorCode;
        this.errorClass = errorClass;
    }

    /** A failure S3 reported (or the SDK, for I/O), with S3's error code. */
    private static S3Failure fromS3(final Kind kind, final String errorCode, final String message, final Throwable cause) {
        return new S3Failure(kind, errorCode, "s3:" + errorCode, message, cause);
    }

    /** A failure the connector decides on itself, e.g. an object above the size limit. */
    static S3Failure rejected(final String errorCode, final String message) {
        return new S3Failure(Kind.OBJECT, errorCode, "mailroute:" + errorCode, message, null);
    }

    Kind kind() {
        return kind;
    }

    /** The S3 error code (e.g. {@code SlowDown}, {@code InvalidRequest}) or the exception class. */
    String errorCode() {
        return errorCode;
    }

    /** The DeadLetter's errorClass: {@code s3:<code>} or {@code mailroute:<code>}. */
    String errorClass() {
        return errorClass;
    }

    /** Classifies a failed S3 call on {@code what} (e.g. {@code "GET s3://b/k"}). */
    static S3Failure classify(final String what, final SdkException e) {
        if (e instanceof AwsServiceException service) {
            final int status = service.statusCode();
            final String code = service.awsErrorDetails() == null || service.awsErrorDetails().errorCode() == null
                    ? "HTTP" + status : service.awsErrorDetails().errorCode();
            final String message = what + " failed: " + code + " (HTTP " + status + ")";
            return fromS3(kindOf(status, code, service), code, message, e);
        }
        final String code = e.getClass().getSimpleName();
        return fromS3(e.retryable() || isIo(e) ? Kind.TRANSIENT : Kind.FATAL, code, what + " failed: " + e.getMessage(), e);
    }

    /** A per-object failure S3 reported by error code alone, as in a DeleteObjects response. */
    static S3Failure ofErrorCode(final String what, final String code, final String detail) {
        final Kind kind = switch (code == null ? "" : code) {
            case "NoSuchKey", "NoSuchVersion" -> Kind.MISSING;
            case "PreconditionFailed" -> Kind.CHANGED;
            case "InternalError", "ServiceUnavailable", "SlowDown", "RequestTimeout" -> Kind.TRANSIENT;
            case "AccessDenied", "NoSuchBucket", "InvalidAccessKeyId", "SignatureDoesNotMatch" -> Kind.FATAL;
            default -> Kind.OBJECT;
        };
        return fromS3(kind, code, what + " failed: " + code + (detail == null ? "" : " (" + detail + ")"), null);
    }

    /** A read that broke off or returned other bytes than announced. */
    static S3Failure io(final String what, final IOException e) {
        return fromS3(Kind.TRANSIENT, e.getClass().getSimpleName(), what + " failed: " + e.getMessage(), e);
    }

    private static Kind kindOf(final int status, final String code, final AwsServiceException e) {
        if (e.isThrottlingException() || status >= 500 || status == 429 || status == 408 || e.retryable()) {
            return "NotImplemented".equals(code) ? Kind.FATAL : Kind.TRANSIENT;
        }
        if ("NoSuchBucket".equals(code) || "PermanentRedirect".equals(code) || status == 301) {
            return Kind.FATAL;
        }
        if (status == 404) {
            return Kind.MISSING;
        }
        if (status == 412) {
            return Kind.CHANGED;
        }
        if ("InvalidObjectState".equals(code)) {
            return Kind.OBJECT;
        }
        if (status == 401 || status == 403) {
            return Kind.FATAL;
        }
        return Kind.OBJECT;
    }

    private static boolean isIo(final Throwable e) {
        for (Throwable t = e; t != null; t = t.getCause()) {
            if (t instanceof IOException || t instanceof UncheckedIOException) {
                return true;
            }
        }
        return false;
    }
}
