package io.mailroute.embedded;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.concurrent.atomic.AtomicLong;

/**
 * Writes S3 event notifications in the shape S3 sends them to SQS: {@code Records[]} with
 * {@code eventName} ({@code ObjectCreated:Put}), {@code s3.bucket.name} and {@code s3.object}'s
 * form-encoded {@code key}, {@code size}, {@code eTag} and {@code sequencer} (increasing per store).
 */
final class S3EventJson {
    private static final ObjectMapper MAPPER = new ObjectMapper();
    private final AtomicLong sequencer = new AtomicLong(System.currentTimeMillis() << 16);
    private final String region;

    S3EventJson(final String region) {
        this.region = region;
    }

    String objectCreated(
            final String eventName, final String bucket, final String key, final long size, final String etag) {
        final ObjectNode root = MAPPER.createObjectNode();
        final ObjectNode record = root.putArray("Records").addObject();
        record.put("eventVersion", "2.1")
                .put("eventSource", "aws:s3")
                .put("awsRegion", region)
                .put("eventTime", Instant.now().toString())
                .put("eventName", "ObjectCreated:" + eventName);
        final ObjectNode s3 = record.putObject("s3");
        s3.put("s3SchemaVersion", "1.0").put("configurationId", "mailroute-local");
        s3.putObject("bucket").put("name", bucket).put("arn", "arn:aws:s3:::" + bucket);
        s3.putObject("object")
                .put("key", encodeKey(key))
                .put("size", size)
                .put("eTag", etag)
                .put("sequencer", String.format("%016X", sequencer.incrementAndGet()));
        try {
            return MAPPER.writeValueAsString(root);
        } catch (JsonProcessingException e) {
            throw new IllegalStateException("An S3 event could not be written", e);
        }
    }

    /** As S3 encodes keys in notifications: form encoding ({@code +} for a space), slashes kept. */
    static String encodeKey(final String key) {
        return URLEncoder.encode(key, StandardCharsets.UTF_8).replace("%2F", "/");
    }
}
