package io.mailroute.connectors.smtp;

import io.mailroute.avro.RawMail;
import io.mailroute.avro.RawRef;
import io.mailroute.avro.Storage;
import io.mailroute.connectors.common.RegistryConfig;
import io.mailroute.schemas.serde.AvroDeserializer;
import java.nio.ByteBuffer;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.time.Duration;
import java.util.HashMap;
import java.util.HexFormat;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.common.KafkaException;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.serialization.ByteArrayDeserializer;
import org.apache.kafka.common.serialization.StringDeserializer;

/**
 * The inline content of the {@code mail.raw} record a {@link RawRef} names (topic, partition,
 * offset), for originals no longer in S3 (e.g. {@code after.read=delete} removes inline mails once
 * ingested). Only an INLINE record whose bytes match the reference's SHA-256 is used; anything
 * else (no coordinates, the record expired, a claim check) yields nothing.
 */
final class RawRecordReader implements AutoCloseable {
    private static final Duration POLL = Duration.ofMillis(500);
    private static final int POLLS = 10;

    private final KafkaConsumer<String, byte[]> consumer;
    private final AvroDeserializer<RawMail> deserializer;

    RawRecordReader(
            final Map<String, Object> clientConfig, final Map<String, String> connectorProps, final String clientId) {
        final Map<String, Object> config = new HashMap<>(clientConfig);
        config.put(ConsumerConfig.CLIENT_ID_CONFIG, clientId);
        config.put(ConsumerConfig.ENABLE_AUTO_COMMIT_CONFIG, false);
        config.put(ConsumerConfig.ISOLATION_LEVEL_CONFIG, "read_committed");
        config.put(ConsumerConfig.MAX_POLL_RECORDS_CONFIG, 1);
        config.remove(ConsumerConfig.GROUP_ID_CONFIG);
        this.consumer = new KafkaConsumer<>(config, new StringDeserializer(), new ByteArrayDeserializer());
        this.deserializer = new AvroDeserializer<>(null, RawMail.class);
        deserializer.configure(RegistryConfig.serdeProperties(connectorProps), false);
    }

    /** The bytes of the INLINE record {@code ref} points at, verified against its SHA-256. */
    Optional<byte[]> read(final RawRef ref) {
        if (ref.getTopic() == null || ref.getPartition() == null || ref.getOffset() == null) {
            return Optional.empty();
        }
        final TopicPartition partition = new TopicPartition(ref.getTopic(), ref.getPartition());
        try {
            consumer.assign(List.of(partition));
            consumer.seek(partition, ref.getOffset());
            for (int i = 0; i < POLLS; i++) {
                for (final ConsumerRecord<String, byte[]> record : consumer.poll(POLL)) {
                    if (record.offset() != ref.getOffset()) {
                        return Optional.empty();
                    }
                    return content(deserializer.deserialize(record.topic(), record.value()), ref);
                }
            }
            return Optional.empty();
        } catch (KafkaException e) {
            return Optional.empty();
        } finally {
            consumer.unsubscribe();
        }
    }

    private static Optional<byte[]> content(final RawMail mail, final RawRef ref) {
        if (mail == null || mail.getStorage() != Storage.INLINE || mail.getContent() == null) {
            return Optional.empty();
        }
        final ByteBuffer buffer = mail.getContent().duplicate();
        final byte[] bytes = new byte[buffer.remaining()];
        buffer.get(bytes);
        return sha256(bytes).equals(ref.getSha256()) ? Optional.of(bytes) : Optional.empty();
    }

    private static String sha256(final byte[] bytes) {
        try {
            return HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256").digest(bytes));
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("SHA-256 is required of every JVM", e);
        }
    }

    @Override
    public void close() {
        try {
            consumer.close();
        } finally {
            deserializer.close();
        }
    }
}
