package io.mailroute.s3;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.util.function.Supplier;
import software.amazon.awssdk.awscore.exception.AwsServiceException;
import software.amazon.awssdk.core.exception.SdkException;

/**
 * An S3 call that failed, classified once into a {@link Kind}, whatever part of mailroute made it.
 * What a kind means for a mail is each caller's policy, decided from the kind alone; the table of
 * policies is in s3/README.md. Messages carry the S3 error code and never object contents or
 * credentials.
 */
public final class S3Failure extends RuntimeException {
    private static final long serialVersionUID = 1L;
    private static final String S3_ERROR = "s3:";
    private static final String MAILROUTE_ERROR = "mailroute:";

    /** What failed, as far as S3 (or the bytes read) tell. */
    public enum Kind {
        /** Throttling, 5xx, a timeout, the network or a truncated read: the same call may work later. */
        TRANSIENT,
        /** The object or the version is not there (404 {@code NoSuchKey}, {@code NoSuchVersion}). */
        NOT_FOUND,
        /** The bucket is not there (404 {@code NoSuchBucket}). */
        NO_SUCH_BUCKET,
        /**
         * The object is not the one asked for: a precondition on its ETag failed (412), or the bytes
         * read differ in size or SHA-256 from the claim check.
         */
        CHANGED,
        /** Credentials or permissions were refused (401; 403 {@code AccessDenied}, {@code InvalidAccessKeyId}, ...). */
        ACCESS_DENIED,
        /**
         * The client cannot work as configured: the bucket is in another region (301), the endpoint
         * lacks a feature (501 {@code NotImplemented}), no credentials or a bad endpoint.
         */
        MISCONFIGURED,
        /**
         * This object cannot be read (e.g. SSE-C without the key, archived: {@code InvalidObjectState},
         * any other 4xx) or is refused by mailroute (larger than allowed); other objects are not affected.
         */
        PERMANENT
    }

    private final Kind kind;
    private final String errorCode;
    private final String errorClass;

    private S3Failure(
            final Kind kind,
            final String errorCode,
            final String errorClass,
            final String message,
            final Throwable cause) {
        super(message, cause);
        this.kind = kind;
        this.errorCode = errorCode;
        this.errorClass = errorClass;
    }

    public Kind kind() {
        return kind;
    }

    /** The S3 error code (e.g. {@code SlowDown}, {@code NoSuchKey}), the exception class, or mailroute's own code. */
    public String errorCode() {
        return errorCode;
    }

    /**
     * The dead letter's errorClass: {@code s3:<code>} for what S3 or the SDK reported,
     * {@code mailroute:<code>} for mailroute's own findings.
     */
    public String errorClass() {
        return errorClass;
    }

    /** Runs one S3 call on {@code what} (e.g. {@code "GET s3://b/k"}), classifying the SDK's failure. */
    public static <T> T call(final String what, final Supplier<T> call) {
        try {
            return call.get();
        } catch (SdkException e) {
            throw classify(what, e);
        }
    }

    /** Classifies a failed S3 call on {@code what}. */
    public static S3Failure classify(final String what, final SdkException e) {
        if (e instanceof AwsServiceException service) {
            final int status = service.statusCode();
            final String code = service.awsErrorDetails() == null
                            || service.awsErrorDetails().errorCode() == null
                    ? "HTTP" + status
                    : service.awsErrorDetails().errorCode();
            return fromS3(kindOf(status, code, service), code, what + " failed: " + code + " (HTTP " + status + ")", e);
        }
        final Kind kind = e.retryable() || isIo(e) ? Kind.TRANSIENT : Kind.MISCONFIGURED;
        return fromS3(kind, e.getClass().getSimpleName(), what + " failed: " + e.getMessage(), e);
    }

    /** A per-object failure S3 reported by error code alone, as in a DeleteObjects response. */
    public static S3Failure ofErrorCode(final String what, final String code, final String detail) {
        final Kind kind = switch (code == null ? "" : code) {
            case "NoSuchKey", "NoSuchVersion" -> Kind.NOT_FOUND;
            case "NoSuchBucket" -> Kind.NO_SUCH_BUCKET;
            case "PreconditionFailed" -> Kind.CHANGED;
            case "InternalError", "ServiceUnavailable", "SlowDown", "RequestTimeout" -> Kind.TRANSIENT;
            case "AccessDenied", "InvalidAccessKeyId", "SignatureDoesNotMatch" -> Kind.ACCESS_DENIED;
            case "NotImplemented" -> Kind.MISCONFIGURED;
            default -> Kind.PERMANENT;
        };
        return fromS3(kind, code, what + " failed: " + code + (detail == null ? "" : " (" + detail + ")"), null);
    }

    /** A read that broke off or returned other bytes than announced: read again. */
    public static S3Failure io(final String what, final IOException e) {
        return fromS3(Kind.TRANSIENT, e.getClass().getSimpleName(), what + " failed: " + e.getMessage(), e);
    }

    /** An object larger than {@code max} bytes: refused without being read ({@code mailroute:ObjectTooLarge}). */
    public static S3Failure tooLarge(final String what, final long size, final long max) {
        return mailroute(
                Kind.PERMANENT,
                "ObjectTooLarge",
                what + " has " + size + " bytes, more than the " + max + " bytes accepted");
    }

    /** A failure mailroute decides on itself, with errorClass {@code mailroute:<errorCode>}. */
    public static S3Failure mailroute(final Kind kind, final String errorCode, final String message) {
        return new S3Failure(kind, errorCode, MAILROUTE_ERROR + errorCode, message, null);
    }

    private static S3Failure fromS3(
            final Kind kind, final String errorCode, final String message, final Throwable cause) {
        return new S3Failure(kind, errorCode, S3_ERROR + errorCode, message, cause);
    }

    private static Kind kindOf(final int status, final String code, final AwsServiceException e) {
        if ("NotImplemented".equals(code)) {
            return Kind.MISCONFIGURED;
        }
        if (e.isThrottlingException() || status >= 500 || status == 429 || status == 408 || e.retryable()) {
            return Kind.TRANSIENT;
        }
        if ("NoSuchBucket".equals(code)) {
            return Kind.NO_SUCH_BUCKET;
        }
        if ("PermanentRedirect".equals(code) || status == 301) {
            return Kind.MISCONFIGURED;
        }
        if (status == 404) {
            return Kind.NOT_FOUND;
        }
        if (status == 412) {
            return Kind.CHANGED;
        }
        // S3 answers 403 for an archived object: the credentials are fine, the object is not readable
        if ("InvalidObjectState".equals(code)) {
            return Kind.PERMANENT;
        }
        if (status == 401 || status == 403) {
            return Kind.ACCESS_DENIED;
        }
        return Kind.PERMANENT;
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
