package io.mailroute.connectors.s3;

import io.mailroute.s3.ClaimCheck;
import io.mailroute.s3.ClaimChecks.CheckedObject;
import java.time.Instant;
import java.util.Objects;

/**
 * One version of an object as listed or read: key, ETag, last-modified time, size and, when the
 * bucket is versioned and the object was read, its version id. Two versions are the same upload
 * when their ETags and last-modified seconds agree (listings give milliseconds, reads whole
 * seconds, so times are compared in seconds).
 */
record ObjectVersion(String key, String etag, Instant lastModified, long size, String versionId) {
    ObjectVersion {
        Objects.requireNonNull(key, "key");
        etag = normalizeEtag(etag);
        lastModified = Objects.requireNonNull(lastModified, "lastModified");
    }

    /** The version a read returned. */
    static ObjectVersion read(final CheckedObject object) {
        final ClaimCheck check = object.check();
        return new ObjectVersion(check.key(), check.etag(), object.lastModified(), check.size(), check.versionId());
    }

    /** A listed version: no version id (ListObjectsV2 does not return one). */
    static ObjectVersion listed(final String key, final String etag, final Instant lastModified, final long size) {
        return new ObjectVersion(key, etag, lastModified, size, null);
    }

    long lastModifiedSeconds() {
        return lastModified.getEpochSecond();
    }

    /** Whether {@code offset} records this very upload. */
    boolean isRecordedBy(final ObjectOffset offset) {
        return offset != null && etag.equals(offset.etag()) && lastModifiedSeconds() == offset.lastModifiedSeconds();
    }

    /** S3 quotes ETags in headers and listings; compare them without quotes. */
    static String normalizeEtag(final String etag) {
        return etag == null ? "" : ClaimCheck.unquoted(etag);
    }
}
