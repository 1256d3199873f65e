package io.mailroute.embedded;

/** Told of every object {@link EmbeddedS3} stored, as S3 event notifications tell of them. */
@FunctionalInterface
public interface ObjectCreatedListener {
    /**
     * @param eventName the S3 event name without its prefix: {@code Put}, {@code Copy} or {@code CompleteMultipartUpload}
     * @param bucket    the bucket
     * @param key       the object key, not encoded
     * @param size      the object's size in bytes
     * @param etag      the object's ETag, unquoted
     */
    void objectCreated(String eventName, String bucket, String key, long size, String etag);
}
