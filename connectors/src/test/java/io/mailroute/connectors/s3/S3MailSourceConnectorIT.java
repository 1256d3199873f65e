package io.mailroute.connectors.s3;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import io.mailroute.avro.DeadLetter;
import io.mailroute.avro.RawMail;
import io.mailroute.avro.Stage;
import io.mailroute.avro.Storage;
import io.mailroute.connectors.it.ChildConnectWorker;
import io.mailroute.connectors.it.ConnectStack;
import io.mailroute.connectors.it.ReadCommittedConsumer;
import io.mailroute.embedded.EmbeddedS3;
import io.mailroute.schemas.serde.AvroDeserializer;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.Set;
import java.util.stream.Collectors;
import org.apache.avro.specific.SpecificRecord;
import org.apache.kafka.clients.admin.NewTopic;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import software.amazon.awssdk.services.s3.S3Client;

/**
 * The S3 mail source in the real Connect runtime: a distributed worker with exactly-once source
 * support, S3Proxy behind the S3 API, a KRaft broker and the schema registry over HTTP. A
 * read_committed consumer must see every mail exactly once although the worker running the
 * connector is killed (SIGKILL, in a child JVM) in the middle of the run.
 */
class S3MailSourceConnectorIT {
    private static final Duration TIMEOUT = Duration.ofSeconds(120);
    private static final String BUCKET = "mail-inbound";
    private static final String RAW = "mail.raw";
    private static final String DLQ = "mail.dlq";
    private static final String CONNECTOR = "s3-mail";
    private static final String GROUP = "s3-mail-it";
    private static final int TASKS = 2;
    private static final int MAX_OBJECT_BYTES = 20_000_000;

    private static ConnectStack stack;
    private static EmbeddedS3 s3;
    private static S3Client client;
    private static TestBucket bucket;

    @BeforeAll
    static void startStack() {
        stack = ConnectStack.startWithoutWorker(GROUP);
        s3 = EmbeddedS3.builder().start();
        s3.createBucket(BUCKET);
        client = s3.newClient();
        bucket = new TestBucket(client, BUCKET);
        stack.createTopics(new NewTopic(RAW, 3, (short) 1), new NewTopic(DLQ, 1, (short) 1));
    }

    @AfterAll
    static void stopStack() {
        if (client != null) {
            client.close();
        }
        if (stack != null) {
            stack.close();
        }
        if (s3 != null) {
            s3.close();
        }
    }

    @Test
    void shouldIngestEveryMailExactlyOnceAlthoughTheWorkerIsKilled() throws Exception {
        // given a bucket with mail waiting, among them a large, an empty, a sealed and an oversized object
        final Random random = new Random(20261123L);
        final List<String> small = new ArrayList<>(uniqueKeys(random, 1_000));
        final String large = SesMail.randomKey(random, "incoming/");
        final byte[] largeContent =
                SesMail.message(large, MAX_OBJECT_BYTES); // at the limit: claim-checked, not refused
        final String empty = SesMail.randomKey(random, "incoming/");
        final String sealed = SesMail.randomKey(random, "incoming/");
        final String oversized = SesMail.randomKey(random, "incoming/");
        upload(small.subList(0, 400));
        bucket.put(large, largeContent);
        bucket.put(empty, new byte[0]);
        bucket.putEncrypted(sealed, "a mail encrypted with a key the connector does not have");
        bucket.put(oversized, SesMail.message(oversized, MAX_OBJECT_BYTES + 1));

        try (ReadCommittedConsumer consumer =
                        new ReadCommittedConsumer(stack.kafka().bootstrapServers(), RAW, DLQ);
                ChildConnectWorker child =
                        ChildConnectWorker.start(stack.kafka().bootstrapServers(), GROUP)) {
            // when the connector runs on a worker in another JVM while more mail arrives
            child.rest().putConnectorConfig(CONNECTOR, connectorConfig());
            child.rest().awaitRunning(CONNECTOR, TASKS, TIMEOUT);
            upload(small.subList(400, 700));
            await().atMost(TIMEOUT).until(() -> consumer.poll().keys(RAW).size() >= 200);

            // and that worker is killed mid-run, more mail arrives while none runs, and another worker takes over
            child.kill();
            upload(small.subList(700, 1_000));
            stack.connect().start();
            final String worker =
                    stack.connect().restUrl().getHost() + ":" + stack.connect().restPort();
            stack.rest()
                    .awaitStatus(
                            CONNECTOR,
                            s -> s.isRunning(TASKS) && s.tasks().stream().allMatch(t -> worker.equals(t.workerId())),
                            "tasks on " + worker,
                            TIMEOUT);

            // then every object ends where its outcome puts it
            final Set<String> expectedRaw = new LinkedHashSet<>(small);
            expectedRaw.add(large);
            expectedRaw.add(empty);
            await().atMost(TIMEOUT).untilAsserted(() -> {
                assertThat(bucket.keys("incoming/"))
                        .as("only the sealed object stays")
                        .containsExactly(sealed);
                assertThat(consumer.caughtUp()).isTrue();
                assertThat(consumer.keys(RAW)).hasSizeGreaterThanOrEqualTo(expectedRaw.size());
                assertThat(consumer.keys(DLQ)).hasSizeGreaterThanOrEqualTo(2);
            });
            assertThat(consumer.keys(RAW))
                    .as("every mail exactly once")
                    .containsExactlyInAnyOrderElementsOf(expectedRaw);
            assertThat(consumer.keys(DLQ)).containsExactlyInAnyOrder(sealed, oversized);
            assertThat(bucket.keys("processed/"))
                    .containsExactlyInAnyOrderElementsOf(expectedRaw.stream()
                            .map(S3MailSourceConnectorIT::processed)
                            .toList());
            assertThat(bucket.keys("failed/"))
                    .containsExactlyInAnyOrder(failed(oversized), failed(sealed) + ".error.json");
            assertThat(bucket.keys("")).as("nothing else in the bucket").hasSize(1 + expectedRaw.size() + 2);

            final Map<String, RawMail> mails = decode(consumer.records(RAW), RawMail.class);
            assertInline(mails.get(small.get(0)), SesMail.message(small.get(0)));
            assertInline(mails.get(small.get(999)), SesMail.message(small.get(999)));
            assertInline(mails.get(empty), new byte[0]);
            assertClaimCheck(mails.get(large), largeContent);

            final Map<String, DeadLetter> letters = decode(consumer.records(DLQ), DeadLetter.class);
            assertDeadLetter(
                    letters.get(sealed), "s3:InvalidRequest", sealed); // cannot be copied: stays, with a sidecar
            assertDeadLetter(letters.get(oversized), "mailroute:ObjectTooLarge", failed(oversized));
            assertThat(bucket.head(failed(oversized)).metadata())
                    .containsEntry(AfterReadActions.ERROR_CLASS_METADATA, "mailroute:ObjectTooLarge")
                    .containsKey(AfterReadActions.FAILED_AT_METADATA);
            assertThat(new String(bucket.get(failed(sealed) + ".error.json"), StandardCharsets.UTF_8))
                    .contains("InvalidRequest")
                    .doesNotContain("encrypted with a key");
        }
    }

    private static Map<String, String> connectorConfig() {
        final Map<String, String> config = stack.connectorConfig(S3MailSourceConnector.class.getName());
        config.put("tasks.max", Integer.toString(TASKS));
        config.put("s3.bucket", BUCKET);
        config.putAll(S3MailSourceConfig.S3.connectionProperties(s3.settings()));
        config.put("topic", RAW);
        config.put("dlq.topic", DLQ);
        config.put("after.read", "move");
        config.put("poll.interval.ms", "500");
        config.put("max.objects.per.poll", "50");
        config.put("max.object.bytes", Integer.toString(MAX_OBJECT_BYTES));
        return config;
    }

    private static Set<String> uniqueKeys(final Random random, final int count) {
        final Set<String> keys = new LinkedHashSet<>();
        while (keys.size() < count) {
            keys.add(SesMail.randomKey(random, "incoming/"));
        }
        return keys;
    }

    private static void upload(final List<String> keys) {
        keys.forEach(key -> bucket.put(key, SesMail.message(key)));
    }

    private static String processed(final String key) {
        return "processed/" + key.substring("incoming/".length());
    }

    private static String failed(final String key) {
        return "failed/" + key.substring("incoming/".length());
    }

    private static <T extends SpecificRecord> Map<String, T> decode(
            final List<ConsumerRecord<String, byte[]>> records, final Class<T> type) {
        try (AvroDeserializer<T> deserializer = stack.deserializer(type)) {
            return records.stream()
                    .collect(Collectors.toMap(
                            ConsumerRecord::key, r -> deserializer.deserialize(r.topic(), r.value()), (a, b) -> a));
        }
    }

    private static void assertInline(final RawMail mail, final byte[] content) {
        assertThat(mail.getStorage()).isEqualTo(Storage.INLINE);
        assertThat(mail.getBucket()).isEqualTo(BUCKET);
        assertThat(mail.getKey()).as("the record points at the moved copy").isEqualTo(processed(mail.getMailId()));
        assertThat(mail.getSize()).isEqualTo(content.length);
        assertThat(mail.getSha256()).isEqualTo(SesMail.sha256(content));
        assertThat(bytes(mail.getContent())).isEqualTo(content);
    }

    private static void assertClaimCheck(final RawMail mail, final byte[] content) {
        assertThat(mail.getStorage()).as("a mail is never split").isEqualTo(Storage.CLAIM_CHECK);
        assertThat(mail.getContent()).isNull();
        assertThat(mail.getSize()).isEqualTo(content.length);
        assertThat(mail.getSha256()).isEqualTo(SesMail.sha256(content));
        assertThat(mail.getKey()).isEqualTo(processed(mail.getMailId()));
        final byte[] fetched = bucket.get(mail.getKey());
        assertThat(SesMail.sha256(fetched))
                .as("the claim check resolves to the mail's bytes")
                .isEqualTo(mail.getSha256());
    }

    private static void assertDeadLetter(final DeadLetter letter, final String errorClass, final String rawKey) {
        assertThat(letter.getStage()).isEqualTo(Stage.INGEST);
        assertThat(letter.getErrorClass()).isEqualTo(errorClass);
        assertThat(letter.getMessage()).contains(letter.getMailId());
        assertThat(letter.getRaw().getBucket()).isEqualTo(BUCKET);
        assertThat(letter.getRaw().getKey()).as("where the bytes are").isEqualTo(rawKey);
    }

    private static byte[] bytes(final ByteBuffer buffer) {
        final byte[] bytes = new byte[buffer.remaining()];
        buffer.duplicate().get(bytes);
        return bytes;
    }
}
