package io.mailroute.connectors.s3;

import java.time.Instant;
import java.util.Arrays;
import java.util.Collections;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Objects;
import org.apache.kafka.connect.errors.ConnectException;

/**
 * The committed progress of one object: its source partition is {@code {bucket, key}} and its
 * offset says which upload of that key (ETag and last-modified time) was handled and how. Keys
 * are random, so there is no "last key" to resume from; instead every listed object is looked up
 * by its own partition. A new upload to the same key has another ETag or time and is read again.
 *
 * <pre>
 * partition: {"bucket": "mail-inbound", "key": "incoming/0a1b..."}
 * offset:    {"v": 1, "etag": "9e10...", "lastModified": 1767225600000, "size": 5120,
 *             "versionId": "3HL4..." (versioned buckets only), "outcome": "ingested"}
 * </pre>
 */
record ObjectOffset(String etag, long lastModifiedMs, long size, String versionId, Outcome outcome) {
    static final String BUCKET_KEY = "bucket";
    static final String OBJECT_KEY = "key";

    static final String VERSION_KEY = "v";
    static final String ETAG_KEY = "etag";
    static final String LAST_MODIFIED_KEY = "lastModified";
    static final String SIZE_KEY = "size";
    static final String VERSION_ID_KEY = "versionId";
    static final String OUTCOME_KEY = "outcome";
    static final int FORMAT_VERSION = 1;

    /** How an object was handled; decides what runs once its record is committed. */
    enum Outcome {
        /** A RawMail record was written. */
        INGESTED("ingested"),
        /** Unreadable: copied to the failed prefix, a DeadLetter written; the original is deleted once committed. */
        FAILED("failed"),
        /** Unreadable and not even copyable: a DeadLetter written and a sidecar with the error; the object stays. */
        FAILED_IN_PLACE("failed-in-place"),
        /** Listed but gone before it could be read: a DeadLetter written. */
        VANISHED("vanished");

        private final String wireName;

        Outcome(final String wireName) {
            this.wireName = wireName;
        }

        String wireName() {
            return wireName;
        }

        static Outcome parse(final String text) {
            for (final Outcome outcome : values()) {
                if (outcome.wireName.equals(text)) {
                    return outcome;
                }
            }
            throw new IllegalArgumentException(text);
        }
    }

    ObjectOffset {
        Objects.requireNonNull(etag, "etag");
        Objects.requireNonNull(outcome, "outcome");
    }

    static ObjectOffset of(final ObjectVersion version, final Outcome outcome) {
        return new ObjectOffset(
                version.etag(), version.lastModified().toEpochMilli(), version.size(), version.versionId(), outcome);
    }

    long lastModifiedSeconds() {
        return Instant.ofEpochMilli(lastModifiedMs).getEpochSecond();
    }

    /**
     * The source partition of an object. Its entries keep their order (bucket, key): the worker
     * stores offsets under the partition's JSON, so the same object must serialize alike in every
     * worker JVM ({@code Map.of} iterates in a per-JVM random order).
     */
    static Map<String, String> partition(final ObjectRef ref) {
        final Map<String, String> partition = new LinkedHashMap<>();
        partition.put(BUCKET_KEY, ref.bucket());
        partition.put(OBJECT_KEY, ref.key());
        return Collections.unmodifiableMap(partition);
    }

    /** The object a source partition names; throws a message naming the missing key when malformed. */
    static ObjectRef refOf(final Map<String, ?> partition) {
        if (partition == null) {
            throw new ConnectException("Source partition must not be null");
        }
        return new ObjectRef(
                requireString(partition, BUCKET_KEY, "Source partition"),
                requireString(partition, OBJECT_KEY, "Source partition"));
    }

    Map<String, Object> toMap() {
        final Map<String, Object> map = new HashMap<>();
        map.put(VERSION_KEY, FORMAT_VERSION);
        map.put(ETAG_KEY, etag);
        map.put(LAST_MODIFIED_KEY, lastModifiedMs);
        map.put(SIZE_KEY, size);
        if (versionId != null) {
            map.put(VERSION_ID_KEY, versionId);
        }
        map.put(OUTCOME_KEY, outcome.wireName());
        return map;
    }

    /** Parses a committed offset; null stays null (never handled, or reset by an operator). */
    static ObjectOffset fromMap(final Map<String, ?> offset) {
        if (offset == null) {
            return null;
        }
        final Object version = offset.get(VERSION_KEY);
        if (!(version instanceof Number number) || number.intValue() != FORMAT_VERSION) {
            throw new ConnectException(
                    "Source offset key '" + VERSION_KEY + "' must be " + FORMAT_VERSION + ", found " + version);
        }
        // a listing may show an object without an ETag (S3Proxy lists an upload in progress that
        // way); its offset must read back, or committing its dead letter would fail the task
        if (!(offset.get(ETAG_KEY) instanceof String etag)) {
            throw new ConnectException("Source offset must have the string key '" + ETAG_KEY + "', found " + offset);
        }
        final long lastModifiedMs = requireLong(offset, LAST_MODIFIED_KEY);
        final long size = requireLong(offset, SIZE_KEY);
        final String versionId = optionalString(offset, VERSION_ID_KEY);
        final String outcome = requireString(offset, OUTCOME_KEY, "Source offset");
        try {
            return new ObjectOffset(etag, lastModifiedMs, size, versionId, Outcome.parse(outcome));
        } catch (IllegalArgumentException e) {
            throw new ConnectException(
                    "Source offset key '" + OUTCOME_KEY + "' must be one of "
                            + String.join(
                                    ", ",
                                    Arrays.stream(Outcome.values())
                                            .map(Outcome::wireName)
                                            .toList())
                            + ", found " + outcome,
                    e);
        }
    }

    private static String requireString(final Map<String, ?> map, final String key, final String what) {
        if (!(map.get(key) instanceof String value) || value.isEmpty()) {
            throw new ConnectException(what + " must have the non-empty string key '" + key + "', found " + map);
        }
        return value;
    }

    private static String optionalString(final Map<String, ?> map, final String key) {
        final Object value = map.get(key);
        if (value != null && !(value instanceof String)) {
            throw new ConnectException("Source offset key '" + key + "' must be a string, found " + value);
        }
        return (String) value;
    }

    private static long requireLong(final Map<String, ?> map, final String key) {
        if (!(map.get(key) instanceof Number value) || value.longValue() < 0) {
            throw new ConnectException(
                    "Source offset must have the non-negative number key '" + key + "', found " + map.get(key));
        }
        return value.longValue();
    }
}
