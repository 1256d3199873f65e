package io.mailroute.connectors.s3;

import java.util.Objects;

/** An S3 object address: bucket and key. */
record ObjectRef(String bucket, String key) {
    ObjectRef {
        Objects.requireNonNull(bucket, "bucket");
        Objects.requireNonNull(key, "key");
    }

    /** The same object name moved from under {@code fromPrefix} to {@code toBucket}/{@code toPrefix}. */
    ObjectRef rebase(final String fromPrefix, final String toBucket, final String toPrefix) {
        final String relative = key.startsWith(fromPrefix) ? key.substring(fromPrefix.length()) : key;
        return new ObjectRef(toBucket, toPrefix + relative);
    }

    @Override
    public String toString() {
        return "s3://" + bucket + "/" + key;
    }
}
