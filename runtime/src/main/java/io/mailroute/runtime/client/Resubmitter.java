package io.mailroute.runtime.client;

import io.mailroute.avro.RawMail;
import io.mailroute.avro.RawRef;
import io.mailroute.avro.RetryMail;
import io.mailroute.avro.Storage;
import io.mailroute.s3.ClaimCheck;
import io.mailroute.s3.ClaimChecks;
import io.mailroute.s3.ClaimChecks.CheckedObject;
import io.mailroute.schemas.topics.MailTopics;
import io.mailroute.schemas.topics.Topic;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.Producer;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.TopicPartition;
import software.amazon.awssdk.services.s3.S3Client;

/**
 * Puts a mail back on {@code mail.raw} for another attempt: the original {@code mail.raw} record
 * when it is still retained, else a record rebuilt from the S3 object, or the mail a
 * {@code mail.retry} record carries. The copy carries {@code attempt + 1} and
 * {@code resubmittedFrom}, so the topology's dedup lets it through and its status shows where it
 * came from. Never edits data in place. Mail rebuilt from S3 is read through the claim-check
 * contract: the version and ETag the dead letter records, size and SHA-256 verified
 * ({@link ClaimChecks#redeem}); an S3 failure ({@link io.mailroute.s3.S3Failure}, of any kind)
 * fails the resubmission, which the operator may try again.
 *
 * <p>Every write is one transaction of a producer with a {@code transactional.id} of its own:
 * releasing a waiting mail ends its wait (a {@code mail.retry} tombstone) and re-publishes it
 * together, so a crash between the two can neither lose the mail nor leave it waiting. Lookups
 * (the {@code mail.raw} record, S3) happen before the transaction begins. Calls from several
 * threads take turns on the producer.
 */
public final class Resubmitter implements AutoCloseable {
    private static final Duration READ_TIMEOUT = Duration.ofSeconds(10);

    private final Map<String, Object> consumerProps;
    private final Producer<byte[], byte[]> producer;
    private final Topic<String, RawMail> raw;
    private final Topic<String, RetryMail> retry;
    private final ClaimChecks claimChecks;
    private final int inlineMaxBytes;

    /** A resubmitter with a transactional producer of its own ({@link ClientSettings#transactionalProducer}). */
    public Resubmitter(
            final ClientSettings settings, final MailTopics topics, final S3Client s3, final int inlineMaxBytes) {
        this(settings, topics, s3, inlineMaxBytes, new KafkaProducer<>(settings.transactionalProducer("resubmit")));
    }

    /**
     * A resubmitter writing through {@code producer}, which must have a {@code transactional.id} of its own
     * and not have started transactions; it is initialized here and closed with this resubmitter.
     */
    public Resubmitter(
            final ClientSettings settings,
            final MailTopics topics,
            final S3Client s3,
            final int inlineMaxBytes,
            final Producer<byte[], byte[]> producer) {
        this.consumerProps = settings.consumer();
        this.raw = topics.raw();
        this.retry = topics.retry();
        this.claimChecks = new ClaimChecks(s3);
        this.inlineMaxBytes = inlineMaxBytes;
        this.producer = producer;
        try {
            producer.initTransactions();
        } catch (RuntimeException e) {
            producer.close();
            throw e;
        }
    }

    /** Where the copy came from: the retained record, or S3. */
    public enum Origin {
        RAW_RECORD,
        S3_OBJECT,
        RETRY_RECORD
    }

    /** One resubmitted mail. */
    public record Result(String mailId, int attempt, Origin origin) {}

    /**
     * Re-publishes the mail {@code ref} points to.
     *
     * @param from     topic the operator resubmits from (mail.dlq or mail.retry)
     * @param attempts attempts already made
     */
    public Result resubmit(final String mailId, final RawRef ref, final String from, final int attempts) {
        final Optional<RawMail> original = readOriginal(ref);
        final RawMail mail = original.orElseGet(() -> fromS3(mailId, ref));
        final RawMail copy = copy(mail, from, attempts);
        inTransaction(List.of(record(raw, mailId, copy)));
        return new Result(mailId, copy.getAttempt(), original.isPresent() ? Origin.RAW_RECORD : Origin.S3_OBJECT);
    }

    /**
     * Releases a mail waiting in {@code mail.retry} under {@code key}: in one transaction, a tombstone ends its wait
     * and the mail it carries is re-published. Either both are written or neither.
     */
    public Result release(final String key, final RetryMail waiting) {
        final RawMail copy = copy(waiting.getMail(), retry.name(), waiting.getAttempt());
        inTransaction(List.of(record(retry, key, null), record(raw, waiting.getMailId(), copy)));
        return new Result(waiting.getMailId(), copy.getAttempt(), Origin.RETRY_RECORD);
    }

    /** A copy with an attempt above both counts, so the topology's (mailId, attempt) dedup lets it through. */
    private static RawMail copy(final RawMail mail, final String from, final int attempts) {
        return RawMail.newBuilder(mail)
                .setAttempt(Math.max(attempts, mail.getAttempt()) + 1)
                .setResubmittedFrom(from)
                .build();
    }

    private static <V> ProducerRecord<byte[], byte[]> record(
            final Topic<String, V> topic, final String key, final V value) {
        final byte[] bytes =
                value == null ? null : topic.valueSerde().serializer().serialize(topic.name(), value);
        return new ProducerRecord<>(topic.name(), key.getBytes(StandardCharsets.UTF_8), bytes);
    }

    /** Writes {@code records} in one transaction; on any failure it is aborted and the failure thrown. */
    private synchronized void inTransaction(final List<ProducerRecord<byte[], byte[]>> records) {
        producer.beginTransaction();
        try {
            records.forEach(producer::send);
            // throws the first failed send, if any, instead of committing
            producer.commitTransaction();
        } catch (RuntimeException e) {
            try {
                producer.abortTransaction();
            } catch (RuntimeException abortFailure) {
                e.addSuppressed(abortFailure);
            }
            throw e;
        }
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
                        return Optional.ofNullable(
                                raw.valueSerde().deserializer().deserialize(ref.getTopic(), record.value()));
                    }
                    if (record.offset() > ref.getOffset()) {
                        return Optional.empty(); // compacted away or aborted
                    }
                }
            }
            return Optional.empty();
        }
    }

    /**
     * The mail {@code ref} names, rebuilt from S3: inline up to {@code inlineMaxBytes}, else as a
     * claim check. A dead letter of an object the connector could not read records no digest to
     * verify; such an object is read afresh, as the connector reads new mail.
     */
    private RawMail fromS3(final String mailId, final RawRef ref) {
        final ClaimCheck recorded = new ClaimCheck(
                ref.getBucket(), ref.getKey(), ref.getVersionId(), ref.getEtag(), ref.getSize(), ref.getSha256());
        final CheckedObject object = recorded.hasDigest()
                ? claimChecks.redeem(recorded, inlineMaxBytes)
                : claimChecks.issue(ref.getBucket(), ref.getKey(), inlineMaxBytes, Long.MAX_VALUE);
        final ClaimCheck check = object.check();
        final RawMail.Builder mail = RawMail.newBuilder()
                .setMailId(mailId)
                .setBucket(check.bucket())
                .setKey(check.key())
                .setVersionId(check.versionId())
                .setEtag(check.etag())
                .setSize(check.size())
                .setSha256(check.sha256())
                .setReceivedAt(object.lastModified())
                .setIngestedAt(Instant.now());
        return object.hasContent()
                ? mail.setStorage(Storage.INLINE)
                        .setContent(ByteBuffer.wrap(object.content()))
                        .build()
                : mail.setStorage(Storage.CLAIM_CHECK).setContent(null).build();
    }

    @Override
    public void close() {
        producer.close();
    }
}
