package io.mailroute.topology.errors;

import io.mailroute.avro.DeadLetter;
import io.mailroute.avro.RawMail;
import io.mailroute.avro.RawRef;
import io.mailroute.avro.RetryMail;
import io.mailroute.avro.Stage;
import io.mailroute.schemas.registry.SchemaRegistryClients;
import io.mailroute.schemas.serde.AvroSerdes;
import io.mailroute.schemas.topics.MailTopic;
import io.mailroute.schemas.topics.TopicNames;
import io.mailroute.topology.attempt.DeadLetters;
import io.mailroute.topology.attempt.FetchedMail;
import io.mailroute.topology.attempt.MailAttempt;
import io.mailroute.topology.attempt.MailDecision;
import io.mailroute.topology.attempt.ParsedAttempt;
import io.mailroute.topology.attempt.Routed;
import io.mailroute.topology.attempt.StageResult;
import io.mailroute.topology.support.Hashes;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.Map;
import java.util.Optional;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.serialization.Serializer;
import org.apache.kafka.common.serialization.StringSerializer;
import org.apache.kafka.streams.StreamsConfig;
import org.apache.kafka.streams.errors.ErrorHandlerContext;

/**
 * Builds the {@code mail.dlq} records the exception handlers return: a {@link DeadLetter} in the
 * topic's Avro contract (never the raw bytes, unlike Streams' default DLQ records), keyed by mail
 * id, with the stage the handler names and the best raw reference the failing record offers.
 * Streams' {@code __streams.errors.*} headers are added for tooling.
 */
final class DeadLetterRecords {
    static final String HEADER_EXCEPTION = "__streams.errors.exception";
    static final String HEADER_MESSAGE = "__streams.errors.message";
    static final String HEADER_TOPIC = "__streams.errors.topic";
    static final String HEADER_PARTITION = "__streams.errors.partition";
    static final String HEADER_OFFSET = "__streams.errors.offset";

    private final String topic;
    private final TopicNames names;
    private final Serializer<DeadLetter> serializer;
    private final StringSerializer keys = new StringSerializer();

    private DeadLetterRecords(final String topic, final TopicNames names, final Serializer<DeadLetter> serializer) {
        this.topic = topic;
        this.names = names;
        this.serializer = serializer;
    }

    /** From the Streams configuration: DLQ topic, topic names and serde settings. */
    static DeadLetterRecords configure(final Map<String, ?> configs) {
        final TopicNames names = TopicNames.from(configs);
        final Object configured = configs.get(StreamsConfig.ERRORS_DEAD_LETTER_QUEUE_TOPIC_NAME_CONFIG);
        final String topic = configured == null ? names.name(MailTopic.DLQ) : configured.toString();
        final Serializer<DeadLetter> serializer = AvroSerdes.specific(
                        DeadLetter.class, SchemaRegistryClients.fromConfig(configs), configs)
                .serializer();
        return new DeadLetterRecords(topic, names, serializer);
    }

    String topic() {
        return topic;
    }

    /** True for the topics of global stores, whose handlers cannot send DLQ records. */
    boolean isGlobal(final String sourceTopic) {
        return names.name(MailTopic.ACCOUNTS).equals(sourceTopic)
                || names.name(MailTopic.RULES).equals(sourceTopic)
                || names.name(MailTopic.ALERTS).equals(sourceTopic)
                || names.name(MailTopic.CONTACTS).equals(sourceTopic);
    }

    /**
     * The DLQ record for a failure.
     *
     * @param key   the failing record's key (a mail id for all mail records)
     * @param value the failing record's value, deserialized, or null
     */
    ProducerRecord<byte[], byte[]> record(
            final ErrorHandlerContext context,
            final Object key,
            final Object value,
            final Stage stage,
            final Exception exception) {
        final Optional<MailAttempt> attempt = attemptOf(value);
        final String mailId = mailId(key, value, attempt);
        final RawRef ref = attempt.map(MailAttempt::ref)
                .or(() -> refOf(value, context))
                .orElseGet(() -> rawBytesRef(context, mailId));
        final DeadLetter letter = DeadLetters.of(
                mailId,
                attempt.map(MailAttempt::number).orElse(0),
                ref,
                new DeadLetters.Origin(context.topic(), partition(context), offset(context)),
                stage,
                exception.getClass().getName(),
                exception.getMessage(),
                Instant.now());
        final Long timestamp = context.timestamp() < 0 ? null : context.timestamp();
        final ProducerRecord<byte[], byte[]> record = new ProducerRecord<>(
                topic, null, timestamp, keys.serialize(topic, mailId), serializer.serialize(topic, letter));
        record.headers()
                .add(HEADER_EXCEPTION, utf8(exception.getClass().getName()))
                .add(HEADER_MESSAGE, utf8(letter.getMessage()))
                .add(HEADER_TOPIC, utf8(String.valueOf(context.topic())))
                .add(HEADER_PARTITION, utf8(String.valueOf(context.partition())))
                .add(HEADER_OFFSET, utf8(String.valueOf(context.offset())));
        return record;
    }

    private static String mailId(final Object key, final Object value, final Optional<MailAttempt> attempt) {
        if (attempt.isPresent()) {
            return attempt.get().mailId();
        }
        if (value instanceof RawMail mail) {
            return mail.getMailId();
        }
        if (value instanceof RetryMail retry) {
            return retry.getMailId();
        }
        if (key instanceof byte[] bytes) {
            return new String(bytes, StandardCharsets.UTF_8);
        }
        return key == null ? "(no key)" : key.toString();
    }

    private static Optional<MailAttempt> attemptOf(final Object value) {
        if (value instanceof MailAttempt attempt) {
            return Optional.of(attempt);
        }
        if (value instanceof FetchedMail fetched) {
            return Optional.of(fetched.attempt());
        }
        if (value instanceof ParsedAttempt parsed) {
            return Optional.of(parsed.attempt());
        }
        if (value instanceof StageResult.Next<?> next) {
            return attemptOf(next.value());
        }
        return Optional.empty();
    }

    private static Optional<RawRef> refOf(final Object value, final ErrorHandlerContext context) {
        if (value instanceof RawMail mail) {
            return Optional.of(MailAttempt.refOf(mail, context.topic(), context.partition(), context.offset()));
        }
        if (value instanceof RetryMail retry) {
            return Optional.of(retry.getRaw());
        }
        if (value instanceof StageResult.Done<?> done) {
            return refOf(done.decision(), context);
        }
        if (value instanceof MailDecision decision && !decision.routes().isEmpty()) {
            return refOf(decision.routes().get(0), context);
        }
        if (value instanceof Routed.ToLane lane) {
            return Optional.of(lane.mail().getRaw());
        }
        if (value instanceof Routed.ToRetry retry) {
            return Optional.of(retry.retry().getRaw());
        }
        if (value instanceof Routed.ToDeadLetter dead) {
            return Optional.of(dead.deadLetter().getRaw());
        }
        if (value instanceof Routed.ToStatus status) {
            return Optional.of(status.status().getRaw());
        }
        return Optional.empty();
    }

    /** A reference made of what the failing source record offers: its bytes' size and hash and its coordinates. */
    private static RawRef rawBytesRef(final ErrorHandlerContext context, final String mailId) {
        final byte[] bytes = context.sourceRawValue() == null ? new byte[0] : context.sourceRawValue();
        return RawRef.newBuilder()
                .setBucket("")
                .setKey(mailId)
                .setVersionId(null)
                .setEtag(null)
                .setSize(bytes.length)
                .setSha256(Hashes.sha256Hex(bytes))
                .setTopic(context.topic())
                .setPartition(partition(context))
                .setOffset(offset(context))
                .build();
    }

    private static Integer partition(final ErrorHandlerContext context) {
        return context.partition() < 0 ? null : context.partition();
    }

    private static Long offset(final ErrorHandlerContext context) {
        return context.offset() < 0 ? null : context.offset();
    }

    private static byte[] utf8(final String text) {
        return text.getBytes(StandardCharsets.UTF_8);
    }
}
