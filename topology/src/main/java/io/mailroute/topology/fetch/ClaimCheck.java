package io.mailroute.topology.fetch;

/**
 * Where a large mail waits in S3.
 *
 * @param bucket    the bucket
 * @param key       the object key
 * @param versionId the object version to read, or null
 * @param etag      the ETag the object must still have, or null
 */
public record ClaimCheck(String bucket, String key, String versionId, String etag) {
}
