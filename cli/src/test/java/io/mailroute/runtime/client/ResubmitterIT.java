package io.mailroute.runtime.client;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.catchThrowableOfType;
import static org.awaitility.Awaitility.await;

import io.mailroute.avro.RawMail;
import io.mailroute.avro.RawRef;
import io.mailroute.avro.RetryMail;
import io.mailroute.avro.RetryReason;
import io.mailroute.avro.Storage;
import io.mailroute.s3.S3Clients;
import io.mailroute.s3.S3Failure;
import io.mailroute.schemas.registry.SchemaRegistryClient;
import io.mailroute.schemas.registry.SchemaRegistryClients;
import io.mailroute.schemas.topics.MailTopics;
import io.mailroute.schemas.topics.Topic;
import io.mailroute.stack.MailrouteStack;
import io.mailroute.topology.support.Hashes;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.ListOffsetsOptions;
import org.apache.kafka.clients.admin.ListOffsetsResult.ListOffsetsResultInfo;
import org.apache.kafka.clients.admin.OffsetSpec;
import org.apache.kafka.common.IsolationLevel;
import org.apache.kafka.common.KafkaException;
import org.apache.kafka.common.TopicPartition;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import software.amazon.awssdk.core.sync.RequestBody;
import software.amazon.awssdk.services.s3.S3Client;

/**
 * Releases through the transactional producer on a real broker, read back as read_committed
 * consumers see them; mail rebuilt from a real S3 API (in-process S3Proxy).
 */
class ResubmitterIT {
    private static final String SCOPE = "ResubmitterIT";
    private static final Duration READ = Duration.ofSeconds(30);
    private static final Instant AT = Instant.parse("2026-11-23T08:00:00Z");

    private static final String BUCKET = LocalDefaults.BUCKET;
    private static final byte[] MAIL =
            "From: a@example.jp\r\nSubject: rebuilt\r\n\r\nbody\r\n".getBytes(StandardCharsets.US_ASCII);

    private static MailrouteStack stack;
    private static ClientSettings settings;
    private static SchemaRegistryClient registry;
    private static MailTopics topics;

    @BeforeAll
    static void startKafka() throws Exception {
        stack = MailrouteStack.builder()
                .kafka()
                .topics()
                .partitions(1)
                .existingRegistry("mock://" + SCOPE)
                .s3InMemory()
                .start();
        settings = stack.client();
        registry = settings.registry();
        topics = settings.topics(registry);
    }

    @AfterAll
    static void stopKafka() {
        if (registry != null) {
            registry.close();
        }
        if (stack != null) {
            stack.close();
        }
        SchemaRegistryClients.dropScope(SCOPE);
    }

    /** A client of the stack's S3 endpoint (in memory, bucket {@value #BUCKET}). */
    private static S3Client s3Client() {
        return S3Clients.create(stack.s3Settings());
    }

    private static RetryMail waiting(final String mailId, final int contentBytes) {
        final RawRef ref = RawRef.newBuilder()
                .setBucket("mail-inbound")
                .setKey(mailId)
                .setSize(contentBytes)
                .setSha256("00")
                .build();
        final RawMail mail = RawMail.newBuilder()
                .setMailId(mailId)
                .setBucket("mail-inbound")
                .setKey(mailId)
                .setSize(contentBytes)
                .setSha256("00")
                .setReceivedAt(AT)
                .setIngestedAt(AT)
                .setStorage(Storage.INLINE)
                .setContent(ByteBuffer.wrap(new byte[contentBytes]))
                .build();
        return RetryMail.newBuilder()
                .setMailId(mailId)
                .setReason(RetryReason.TRANSIENT)
                .setAttempt(2)
                .setMaxAttempts(5)
                .setFirstAttemptAt(AT)
                .setNextAttemptAt(AT.plusSeconds(600))
                .setMail(mail)
                .setRaw(ref)
                .build();
    }

    /**
     * The values under {@code key}, read once no transaction is open on {@code topic}: a commit
     * returns before the broker has written its markers, and read_committed reads stop short of an
     * open transaction.
     */
    private static <V> List<V> values(final Topic<String, V> topic, final String key) {
        try (Admin admin = Admin.create(settings.admin())) {
            await("no open transaction on " + topic.name()).atMost(READ).until(() -> noOpenTransaction(admin, topic));
        }
        return new TopicReader(settings)
                .readAll(topic, key::equals, READ).stream()
                        .map(TopicReader.Entry::value)
                        .toList();
    }

    /** True when the last stable offset of each partition of {@code topic} is its end. */
    private static boolean noOpenTransaction(final Admin admin, final Topic<?, ?> topic) throws Exception {
        final Map<TopicPartition, OffsetSpec> ends = new HashMap<>();
        admin.describeTopics(List.of(topic.name()))
                .allTopicNames()
                .get()
                .get(topic.name())
                .partitions()
                .forEach(p -> ends.put(new TopicPartition(topic.name(), p.partition()), OffsetSpec.latest()));
        final Map<TopicPartition, ListOffsetsResultInfo> stable = admin.listOffsets(
                        ends, new ListOffsetsOptions(IsolationLevel.READ_COMMITTED))
                .all()
                .get();
        final Map<TopicPartition, ListOffsetsResultInfo> end = admin.listOffsets(
                        ends, new ListOffsetsOptions(IsolationLevel.READ_UNCOMMITTED))
                .all()
                .get();
        return ends.keySet().stream()
                .allMatch(partition ->
                        stable.get(partition).offset() == end.get(partition).offset());
    }

    @Test
    void shouldEndTheWaitAndRepublishTheMailTogether() throws Exception {
        // given
        final RetryMail waiting = waiting("m-ok", 100);
        try (TopicPublisher publisher = new TopicPublisher(settings);
                S3Client s3 = settings.s3();
                Resubmitter resubmitter = new Resubmitter(settings, topics, s3, 1_000)) {
            publisher.send(topics.retry(), "m-ok", waiting);
            publisher.awaitAcks();

            // when
            final Resubmitter.Result result = resubmitter.release("m-ok", waiting);

            // then
            assertThat(result.attempt()).isEqualTo(3);
            assertThat(result.origin()).isEqualTo(Resubmitter.Origin.RETRY_RECORD);
        }
        assertThat(values(topics.retry(), "m-ok")).containsExactly(waiting, null);
        final List<RawMail> raw = values(topics.raw(), "m-ok");
        assertThat(raw).hasSize(1);
        assertThat(raw.get(0).getAttempt()).isEqualTo(3);
        assertThat(raw.get(0).getResubmittedFrom()).isEqualTo(topics.retry().name());
    }

    /** The dead letter's reference to a mail whose mail.raw record is gone: only S3 has it. */
    private static RawRef deadLetterRef(final String key, final String etag, final String sha256) {
        return RawRef.newBuilder()
                .setBucket(BUCKET)
                .setKey(key)
                .setEtag(etag)
                .setSize(MAIL.length)
                .setSha256(sha256)
                .build();
    }

    @Test
    void shouldRebuildAMailFromS3VerifiedAgainstItsClaimCheck() throws Exception {
        // given
        try (S3Client client = s3Client();
                Resubmitter resubmitter = new Resubmitter(settings, topics, client, 1_000)) {
            final String etag = client.putObject(b -> b.bucket(BUCKET).key("in/rebuilt"), RequestBody.fromBytes(MAIL))
                    .eTag();
            client.putObject(b -> b.bucket(BUCKET).key("in/tampered"), RequestBody.fromString("other")); // other bytes

            // when
            final Resubmitter.Result result = resubmitter.resubmit(
                    "m-rebuilt",
                    deadLetterRef("in/rebuilt", etag, Hashes.sha256Hex(MAIL)),
                    topics.dlq().name(),
                    1);
            final S3Failure tampered = catchThrowableOfType(
                    S3Failure.class,
                    () -> resubmitter.resubmit(
                            "m-tampered",
                            deadLetterRef("in/tampered", null, Hashes.sha256Hex(MAIL)),
                            topics.dlq().name(),
                            1));

            // then
            assertThat(result.origin()).isEqualTo(Resubmitter.Origin.S3_OBJECT);
            assertThat(result.attempt()).isEqualTo(2);
            assertThat(tampered.errorClass()).isEqualTo("mailroute:size-mismatch");
        }
        final List<RawMail> raw = values(topics.raw(), "m-rebuilt");
        assertThat(raw).singleElement().satisfies(mail -> {
            assertThat(mail.getStorage()).isEqualTo(Storage.INLINE);
            assertThat(mail.getContent()).isEqualTo(ByteBuffer.wrap(MAIL));
            assertThat(mail.getSha256()).isEqualTo(Hashes.sha256Hex(MAIL));
            assertThat(mail.getResubmittedFrom()).isEqualTo(topics.dlq().name());
        });
        assertThat(values(topics.raw(), "m-tampered")).isEmpty();
    }

    @Test
    void shouldReadAfreshAMailWhoseDeadLetterRecordsNoDigestAndClaimCheckItWhenLarge() throws Exception {
        // given: the connector records no digest for an object it could not read
        try (S3Client client = s3Client();
                Resubmitter resubmitter = new Resubmitter(settings, topics, client, 10)) {
            client.putObject(b -> b.bucket(BUCKET).key("in/unread"), RequestBody.fromBytes(MAIL));

            // when
            resubmitter.resubmit(
                    "m-unread",
                    deadLetterRef("in/unread", null, ""),
                    topics.dlq().name(),
                    1);
        }

        // then
        final List<RawMail> raw = values(topics.raw(), "m-unread");
        assertThat(raw).singleElement().satisfies(mail -> {
            assertThat(mail.getStorage()).isEqualTo(Storage.CLAIM_CHECK);
            assertThat(mail.getContent()).isNull();
            assertThat(mail.getSize()).isEqualTo(MAIL.length);
            assertThat(mail.getSha256()).isEqualTo(Hashes.sha256Hex(MAIL));
            assertThat(mail.getEtag()).isNotBlank().doesNotContain("\"");
        });
    }

    @Test
    void shouldWriteNeitherTheTombstoneNorTheCopyWhenTheCopyCannotBeWritten() throws Exception {
        // given: a waiting mail released with a copy over the producer's request size: its send fails
        // after the tombstone's
        final RetryMail waiting = waiting("m-large", 100);
        final RetryMail tooLarge = waiting("m-large", 3 * 1024 * 1024);
        final RetryMail fine = waiting("m-fine", 100);
        try (TopicPublisher publisher = new TopicPublisher(settings);
                S3Client s3 = settings.s3();
                Resubmitter resubmitter = new Resubmitter(settings, topics, s3, 1_000)) {
            publisher.send(topics.retry(), "m-large", waiting);
            publisher.awaitAcks();

            // when
            assertThatThrownBy(() -> resubmitter.release("m-large", tooLarge)).isInstanceOf(KafkaException.class);
            final Resubmitter.Result next = resubmitter.release("m-fine", fine);

            // then: the aborted transaction left the wait in force; the producer goes on with the next one
            assertThat(next.attempt()).isEqualTo(3);
        }
        assertThat(values(topics.retry(), "m-large")).containsExactly(waiting);
        assertThat(values(topics.raw(), "m-large")).isEmpty();
        assertThat(values(topics.retry(), "m-fine")).containsExactly((RetryMail) null);
        assertThat(values(topics.raw(), "m-fine")).hasSize(1);
    }
}
