package io.mailroute.ops.client;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.mailroute.avro.RawMail;
import io.mailroute.avro.RawRef;
import io.mailroute.avro.RetryMail;
import io.mailroute.avro.RetryReason;
import io.mailroute.avro.Storage;
import io.mailroute.embedded.EmbeddedKafka;
import io.mailroute.ops.topics.TopicApplier;
import io.mailroute.schemas.registry.SchemaRegistryClient;
import io.mailroute.schemas.registry.SchemaRegistryClients;
import io.mailroute.schemas.topics.MailTopics;
import io.mailroute.schemas.topics.Topic;
import io.mailroute.schemas.topics.TopicNames;
import java.nio.ByteBuffer;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.common.KafkaException;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import software.amazon.awssdk.services.s3.S3Client;

/** Releases through the transactional producer on a real broker, read back as read_committed consumers see them. */
class ResubmitterIT {
    private static final String SCOPE = "ResubmitterIT";
    private static final Duration READ = Duration.ofSeconds(30);
    private static final Instant AT = Instant.parse("2026-11-23T08:00:00Z");

    private static EmbeddedKafka kafka;
    private static ClientSettings settings;
    private static SchemaRegistryClient registry;
    private static MailTopics topics;

    @BeforeAll
    static void startKafka() throws Exception {
        kafka = EmbeddedKafka.builder().start();
        try (Admin admin = kafka.createAdmin()) {
            new TopicApplier(admin).apply(TopicApplier.specs(TopicNames.defaults(), 1, (short) 1));
        }
        settings = new ClientSettings(kafka.bootstrapServers(), "mock://" + SCOPE, "http://127.0.0.1:9", "mail-inbound",
                "us-east-1", Map.of("schema.registry.url", "mock://" + SCOPE));
        registry = settings.registry();
        topics = settings.topics(registry);
    }

    @AfterAll
    static void stopKafka() {
        registry.close();
        kafka.close();
        SchemaRegistryClients.dropScope(SCOPE);
    }

    private static RetryMail waiting(final String mailId, final int contentBytes) {
        final RawRef ref = RawRef.newBuilder().setBucket("mail-inbound").setKey(mailId).setSize(contentBytes)
                .setSha256("00").build();
        final RawMail mail = RawMail.newBuilder().setMailId(mailId).setBucket("mail-inbound").setKey(mailId)
                .setSize(contentBytes).setSha256("00").setReceivedAt(AT).setIngestedAt(AT).setStorage(Storage.INLINE)
                .setContent(ByteBuffer.wrap(new byte[contentBytes])).build();
        return RetryMail.newBuilder().setMailId(mailId).setReason(RetryReason.TRANSIENT).setAttempt(2).setMaxAttempts(5)
                .setFirstAttemptAt(AT).setNextAttemptAt(AT.plusSeconds(600)).setMail(mail).setRaw(ref).build();
    }

    private static <V> List<V> values(final Topic<String, V> topic, final String key) {
        return new TopicReader(settings).readAll(topic, key::equals, READ).stream().map(TopicReader.Entry::value)
                .toList();
    }

    @Test
    void shouldEndTheWaitAndRepublishTheMailTogether() throws Exception {
        // given
        final RetryMail waiting = waiting("m-ok", 100);
        try (TopicPublisher publisher = new TopicPublisher(settings); S3Client s3 = settings.s3();
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

    @Test
    void shouldWriteNeitherTheTombstoneNorTheCopyWhenTheCopyCannotBeWritten() throws Exception {
        // given: a waiting mail released with a copy over the producer's request size: its send fails
        // after the tombstone's
        final RetryMail waiting = waiting("m-large", 100);
        final RetryMail tooLarge = waiting("m-large", 3 * 1024 * 1024);
        final RetryMail fine = waiting("m-fine", 100);
        try (TopicPublisher publisher = new TopicPublisher(settings); S3Client s3 = settings.s3();
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
