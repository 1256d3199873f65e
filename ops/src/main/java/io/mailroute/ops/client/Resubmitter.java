package io.mailroute.ops.client;

import io.mailroute.avro.RawMail;
import io.mailroute.avro.RawRef;
import io.mailroute.avro.Storage;
import io.mailroute.schemas.topics.MailTopics;
import io.mailroute.schemas.topics.Topic;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.time.Duration;
import java.time.Instant;
import java.util.HexFormat;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.TopicPartition;
import software.amazon.awssdk.core.ResponseBytes;
import software.amazon.awssdk.services.s3.S3Client;
import software.amazon.awssdk.services.s3.model.GetObjectResponse;
import software.amazon.awssdk.services.s3.model.HeadObjectResponse;

/**
 * Puts a mail back on {@code mail.raw} for another attempt: the original {@code mail.raw} record
 * when it is still retained, else a record rebuilt from the S3 object. The copy carries
 * {@code attempt + 1} and {@code resubmittedFrom}, so the topology's dedup lets it through and
 * its status shows where it came from. Never edits data in place.
 */
public final class Resubmitter implements AutoCloseable {
    private static final Duration READ_TIMEOUT = Duration.ofSeconds(10);

    private final Map<String, Object> consumerProps;
    private final KafkaProducer<byte[], byte[]> producer;
    private final Topic<String, RawMail> raw;
    private final S3Client s3;
    private final int inlineMaxBytes;

    public Resubmitter(final ClientSettings settings, final MailTopics topics, final S3Client s3, final int inlineMaxBytes) {
        this.consumerProps = settings.consumer();
        this.producer = new KafkaProducer<>(settings.producer());
        this.raw = topics.raw();
        this.s3 = s3;
        this.inlineMaxBytes = inlineMaxBytes;
    }

    /** Where the copy came from: the retained record, or S3. */
    public enum Origin { RAW_RECORD, S3_OBJECT, RETRY_RECORD }

    /** One resubmitted mail. */
    public record Result(String mailId, int attempt, Origin origin) {}

    /**
     * Re-publishes the mail {@code ref} points to.
     *
     * @param from     topic the operator resubmits from (mail.dlq or mail.retry)
     * @param attempts attempts already made
     */
    public Result resubmit(final String mailId, final RawRef ref, final String from, final int attempts) throws Exception {
        final Optional<RawMail> original = readOriginal(ref);
        final RawMail mail = original.orElseGet(() -> fromS3(mailId, ref));
        final int attempt = publish(mailId, mail, from, attempts);
        return new Result(mailId, attempt, original.isPresent() ? Origin.RAW_RECORD : Origin.S3_OBJECT);
    }

    /** Re-publishes {@code mail} as carried by a mail.retry record (no lookup needed). */
    public Result resubmit(final String mailId, final RawMail mail, final String from, final int attempts) throws Exception {
        return new Result(mailId, publish(mailId, mail, from, attempts), Origin.RETRY_RECORD);
    }

    /** Writes a copy with an attempt above both counts, so the topology's (mailId, attempt) dedup lets it through. */
    private int publish(final String mailId, final RawMail mail, final String from, final int attempts) throws Exception {
        final RawMail copy = RawMail.newBuilder(mail).setAttempt(Math.max(attempts, mail.getAttempt()) + 1)
                .setResubmittedFrom(from).build();
        final byte[] value = raw.valueSerde().serializer().serialize(raw.name(), copy);
        producer.send(new ProducerRecord<>(raw.name(), mailId.getBytes(StandardCharsets.UTF_8), value)).get();
        return copy.getAttempt();
    }

    private Optional<RawMail> readOriginal(final RawRef ref) {
        if (ref.getTopic() == null || ref.getPartition() == null || ref.getOffset() == null) {
            return Optional.empty();
        }
        try (KafkaConsumer<byte[], byte[]> consumer = new KafkaConsumer<>(consumerProps)) {
            final TopicPartition partition = new TopicPartition(ref.getTopic(), ref.getPartition());
            consumer.assign(List.of(partition));
            if (consumer.beginningOffsets(List.of(partition), READ_TIMEOUT).get(partition) > ref.getOffset()) {
                return Optional.empty(); // removed by retention
            }
            consumer.seek(partition, ref.getOffset());
            final long deadline = System.nanoTime() + READ_TIMEOUT.toNanos();
            while (System.nanoTime() < deadline) {
                for (final ConsumerRecord<byte[], byte[]> record : consumer.poll(Duration.ofMillis(500))) {
                    if (record.offset() == ref.getOffset()) {
                        return Optional.ofNullable(raw.valueSerde().deserializer().deserialize(ref.getTopic(), record.value()));
                    }
                    if (record.offset() > ref.getOffset()) {
                        return Optional.empty(); // compacted away or aborted
                    }
                }
            }
            return Optional.empty();
        }
    }

    private RawMail fromS3(final String mailId, final RawRef ref) {
        final HeadObjectResponse head = s3.headObject(b -> b.bucket(ref.getBucket()).key(ref.getKey()));
        final RawMail.Builder mail = RawMail.newBuilder()
                .setMailId(mailId).setBucket(ref.getBucket()).setKey(ref.getKey())
                .setVersionId(head.versionId()).setEtag(head.eTag()).setSize(head.contentLength())
                .setReceivedAt(head.lastModified()).setIngestedAt(Instant.now());
        if (head.contentLength() <= inlineMaxBytes) {
            final ResponseBytes<GetObjectResponse> bytes = s3.getObjectAsBytes(b -> b.bucket(ref.getBucket()).key(ref.getKey()));
            return mail.setStorage(Storage.INLINE).setContent(ByteBuffer.wrap(bytes.asByteArray()))
                    .setSha256(sha256(bytes.asByteArray())).build();
        }
        return mail.setStorage(Storage.CLAIM_CHECK).setContent(null).setSha256(ref.getSha256()).build();
    }

    private static String sha256(final byte[] bytes) {
        try {
            return HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256").digest(bytes));
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }

    @Override
    public void close() {
        producer.close();
    }
}
