package io.mailroute.s3;

import java.util.Objects;

/**
 * Where a mail's bytes wait in S3 and what they must be: the claim check the S3 mail source
 * connector writes onto a {@code RawMail} and the topology (and ops, resubmitting) redeem with
 * {@link ClaimChecks#redeem}.
 *
 * @param bucket    the bucket
 * @param key       the object key
 * @param versionId the object version to read, or null (unversioned bucket)
 * @param etag      the ETag the object must still have, without quotes, or null (or blank) for any
 * @param size      the object's size in bytes
 * @param sha256    the lower-case hex SHA-256 of the object's bytes; empty when none was recorded (an object the
 *                  connector could not read), which no object matches
 */
public record ClaimCheck(String bucket, String key, String versionId, String etag, long size, String sha256) {
    public ClaimCheck {
        Objects.requireNonNull(bucket, "bucket");
        Objects.requireNonNull(key, "key");
        etag = etag == null || etag.isBlank() ? null : unquoted(etag);
        sha256 = sha256 == null ? "" : sha256;
    }

    /** Whether a digest was recorded, so that the bytes can be verified. */
    public boolean hasDigest() {
        return !sha256.isEmpty();
    }

    /** {@code s3://bucket/key}. */
    public String location() {
        return "s3://" + bucket + "/" + key;
    }

    /** S3 quotes ETags in headers and listings; claim checks hold them without quotes. */
    public static String unquoted(final String etag) {
        final String trimmed = etag.trim();
        return trimmed.length() >= 2 && trimmed.startsWith("\"") && trimmed.endsWith("\"")
                ? trimmed.substring(1, trimmed.length() - 1)
                : trimmed;
    }
}
