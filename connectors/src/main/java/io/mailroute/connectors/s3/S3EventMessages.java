package io.mailroute.connectors.s3;

import com.fasterxml.jackson.core.JsonFactory;
import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.core.StreamReadConstraints;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.net.URLDecoder;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;

/**
 * Reads one SQS message body as S3 event notifications: the S3 JSON ({@code Records[]}), the same
 * wrapped in an SNS notification ({@code {"Type":"Notification","Message":"<S3 JSON>"}}), or the
 * {@code s3:TestEvent} S3 sends when notifications are configured. Bodies are hostile: their size,
 * nesting and record count are bounded before anything is built, and anything else is malformed.
 */
final class S3EventMessages {
    /** SQS's own limit on a message is 1 MiB; S3 notifications are a few KiB. */
    static final int MAX_BODY_CHARS = 256 * 1024;
    /** S3 sends one record per message; a few more are tolerated, a flood is malformed. */
    static final int MAX_RECORDS = 100;

    private static final int MAX_NESTING = 16;
    private static final String OBJECT_CREATED = "ObjectCreated:";
    private static final ObjectMapper MAPPER = new ObjectMapper(JsonFactory.builder()
            .streamReadConstraints(StreamReadConstraints.builder()
                    .maxNestingDepth(MAX_NESTING)
                    .maxStringLength(MAX_BODY_CHARS)
                    .maxNumberLength(32)
                    .build())
            .build());

    private S3EventMessages() {}

    /** What one message says. */
    sealed interface Parsed permits Events, TestEvent, Malformed {}

    /** Event records: the objects created, and how many other records (removals, other events) there were. */
    record Events(List<Created> created, int ignored) implements Parsed {}

    /** The test message S3 sends when a notification configuration is saved. */
    record TestEvent() implements Parsed {}

    /** Not an S3 notification; {@code reason} says why, without echoing the body. */
    record Malformed(String reason) implements Parsed {}

    /** One ObjectCreated record; the key is decoded (S3 form-encodes it: {@code +} for a space). */
    record Created(String bucket, String key, long size, String etag, String sequencer) {}

    static Parsed parse(final String body) {
        if (body == null || body.isEmpty()) {
            return new Malformed("empty body");
        }
        if (body.length() > MAX_BODY_CHARS) {
            return new Malformed("body of " + body.length() + " characters, more than " + MAX_BODY_CHARS);
        }
        try {
            JsonNode root = MAPPER.readTree(body);
            if (root != null
                    && "Notification".equals(root.path("Type").asText())
                    && root.path("Message").isTextual()) {
                root = MAPPER.readTree(root.path("Message").asText());
            }
            return read(root);
        } catch (JsonProcessingException e) {
            return new Malformed("not JSON: " + e.getOriginalMessage());
        }
    }

    private static Parsed read(final JsonNode root) {
        if (root == null || !root.isObject()) {
            return new Malformed("not a JSON object");
        }
        if ("s3:TestEvent".equals(root.path("Event").asText())) {
            return new TestEvent();
        }
        final JsonNode records = root.path("Records");
        if (!records.isArray()) {
            return new Malformed("no Records array");
        }
        if (records.size() > MAX_RECORDS) {
            return new Malformed(records.size() + " records, more than " + MAX_RECORDS);
        }
        final List<Created> created = new ArrayList<>();
        int ignored = 0;
        for (final JsonNode record : records) {
            final String eventName = record.path("eventName").asText("");
            if (!"aws:s3".equals(record.path("eventSource").asText()) || !eventName.startsWith(OBJECT_CREATED)) {
                ignored++;
                continue;
            }
            final JsonNode s3 = record.path("s3");
            final String bucket = s3.path("bucket").path("name").asText("");
            final JsonNode object = s3.path("object");
            final String encodedKey = object.path("key").asText("");
            if (bucket.isEmpty() || encodedKey.isEmpty()) {
                return new Malformed(eventName + " record without bucket name or object key");
            }
            final String key;
            try {
                key = URLDecoder.decode(encodedKey, StandardCharsets.UTF_8);
            } catch (IllegalArgumentException e) {
                return new Malformed("object key is not URL-encoded: " + e.getMessage());
            }
            created.add(new Created(
                    bucket,
                    key,
                    object.path("size").asLong(0),
                    object.path("eTag").asText(""),
                    object.path("sequencer").asText("")));
        }
        return new Events(created, ignored);
    }
}
