package io.mailroute.connectors.s3;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import io.mailroute.avro.RawMail;
import io.mailroute.avro.Storage;
import io.mailroute.connectors.it.ConnectStack;
import io.mailroute.connectors.it.ReadCommittedConsumer;
import io.mailroute.embedded.ConnectorStatus;
import io.mailroute.embedded.EmbeddedS3;
import io.mailroute.schemas.serde.AvroDeserializer;
import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.stream.Collectors;
import org.apache.kafka.clients.admin.NewTopic;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import software.amazon.awssdk.services.s3.S3Client;

/**
 * Each {@code after.read} policy in the real Connect runtime (exactly-once source support on):
 * what the bucket looks like once the records are committed. Every test has its own bucket,
 * topic and connector on the shared broker and worker; each bucket holds three inline mails and
 * one claim-checked mail.
 */
class S3AfterReadPolicyIT {
    private static final Duration TIMEOUT = Duration.ofSeconds(60);
    private static final int INLINE_MAX_BYTES = 1_024;
    private static final int MAILS = 4;

    private static ConnectStack stack;
    private static EmbeddedS3 s3;
    private static S3Client client;

    private String name;
    private TestBucket bucket;
    private Map<String, byte[]> uploaded;
    private String claimChecked;

    @BeforeAll
    static void startStack() {
        stack = ConnectStack.start("after-read-it");
        s3 = EmbeddedS3.builder().start();
        client = s3.newClient();
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

    @AfterEach
    void deleteConnector() {
        if (name != null && stack.rest().findStatus(name).isPresent()) {
            stack.rest().deleteConnector(name);
        }
    }

    @Test
    void shouldLeaveEveryObjectInPlaceWithNone() {
        // given
        givenMail("none");
        final Map<String, String> before = etags("incoming/");

        // when
        final Map<String, RawMail> mails = runUntilCommitted("none");

        // then objects stay as they were, and later passes neither touch them nor read them again
        try (ReadCommittedConsumer consumer =
                new ReadCommittedConsumer(stack.kafka().bootstrapServers(), name)) {
            await().during(Duration.ofSeconds(2))
                    .atMost(TIMEOUT)
                    .until(() -> etags("incoming/").equals(before)
                            && consumer.poll().keys(name).size() == MAILS);
        }
        assertThat(bucket.keys("")).containsExactlyInAnyOrderElementsOf(uploaded.keySet());
        assertThat(mails.get(claimChecked).getKey())
                .as("the claim check names the object itself")
                .isEqualTo(claimChecked);
        assertFetchable(mails.get(claimChecked));
    }

    @Test
    void shouldStopWithoutTouchingObjectsWhenTheEndpointCannotTag() {
        // given S3Proxy, which implements no object tagging (AWS and MinIO do)
        givenMail("tag");
        final Map<String, String> before = etags("");

        // when
        final Map<String, RawMail> mails = runUntilCommitted("tag");

        // then the records are committed, tagging after the commit fails the task, and every object stays untouched
        final ConnectorStatus failed = stack.rest()
                .awaitStatus(
                        name,
                        s -> s.tasks().stream().anyMatch(t -> ConnectorStatus.FAILED.equals(t.state())),
                        "a failed task",
                        TIMEOUT);
        assertThat(failed.tasks().get(0).trace()).contains("NotImplemented").contains("tagging");
        assertThat(mails).hasSize(MAILS);
        assertThat(etags("")).isEqualTo(before);
    }

    @Test
    void shouldMoveEveryObjectToTheProcessedPrefix() {
        // given
        givenMail("move");

        // when
        final Map<String, RawMail> mails = runUntilCommitted("move");

        // then
        await().atMost(TIMEOUT)
                .untilAsserted(() -> assertThat(bucket.keys("incoming/")).isEmpty());
        assertThat(bucket.keys(""))
                .containsExactlyInAnyOrderElementsOf(uploaded.keySet().stream()
                        .map(k -> k.replace("incoming/", "processed/"))
                        .toList());
        assertThat(mails.values())
                .allSatisfy(mail ->
                        assertThat(mail.getKey()).isEqualTo(mail.getMailId().replace("incoming/", "processed/")));
        assertFetchable(mails.get(claimChecked));
    }

    @Test
    void shouldDeleteEveryObjectKeepingACopyOnlyOfTheClaimCheckedOne() {
        // given
        givenMail("delete");

        // when
        final Map<String, RawMail> mails = runUntilCommitted("delete");

        // then
        final String copy = claimChecked.replace("incoming/", "claim-check/");
        await().atMost(TIMEOUT).untilAsserted(() -> assertThat(bucket.keys("")).containsExactly(copy));
        assertThat(mails.get(claimChecked).getKey()).isEqualTo(copy);
        assertFetchable(mails.get(claimChecked));
    }

    /** A bucket, topic and connector named after the policy, with three inline mails and one claim-checked one. */
    private void givenMail(final String policy) {
        name = "after-read-" + policy;
        s3.createBucket(name);
        bucket = new TestBucket(client, name);
        stack.createTopics(new NewTopic(name, 1, (short) 1));
        final Random random = new Random(policy.hashCode());
        uploaded = new LinkedHashMap<>();
        for (int i = 0; i < MAILS - 1; i++) {
            final String key = SesMail.randomKey(random, "incoming/");
            uploaded.put(key, SesMail.message(key));
        }
        claimChecked = SesMail.randomKey(random, "incoming/");
        uploaded.put(claimChecked, SesMail.message(claimChecked, 4 * INLINE_MAX_BYTES));
        uploaded.forEach(bucket::put);
    }

    /** Starts the connector with {@code policy} and waits for the committed records, which it decodes. */
    private Map<String, RawMail> runUntilCommitted(final String policy) {
        final Map<String, String> config = stack.connectorConfig(S3MailSourceConnector.class.getName());
        config.put("tasks.max", "1");
        config.put("s3.bucket", name);
        config.putAll(S3MailSourceConfig.S3.connectionProperties(s3.settings()));
        config.put("topic", name);
        config.put("after.read", policy);
        config.put("inline.max.bytes", Integer.toString(INLINE_MAX_BYTES));
        config.put("poll.interval.ms", "500");
        stack.rest().putConnectorConfig(name, config);

        try (ReadCommittedConsumer consumer =
                        new ReadCommittedConsumer(stack.kafka().bootstrapServers(), name);
                AvroDeserializer<RawMail> deserializer = stack.deserializer(RawMail.class)) {
            await().atMost(TIMEOUT).until(() -> consumer.poll().keys(name).size() >= MAILS);
            assertThat(consumer.keys(name)).containsExactlyInAnyOrderElementsOf(uploaded.keySet());
            final Map<String, RawMail> mails = consumer.records(name).stream()
                    .collect(
                            Collectors.toMap(ConsumerRecord::key, r -> deserializer.deserialize(r.topic(), r.value())));
            assertThat(mails.get(claimChecked).getStorage()).isEqualTo(Storage.CLAIM_CHECK);
            assertThat(mails.values().stream().filter(m -> m.getStorage() == Storage.INLINE))
                    .hasSize(MAILS - 1);
            return mails;
        }
    }

    private void assertFetchable(final RawMail claimCheck) {
        assertThat(SesMail.sha256(bucket.get(claimCheck.getKey())))
                .isEqualTo(claimCheck.getSha256())
                .isEqualTo(SesMail.sha256(uploaded.get(claimCheck.getMailId())));
    }

    private Map<String, String> etags(final String prefix) {
        final List<String> keys = bucket.keys(prefix);
        return keys.stream()
                .collect(Collectors.toMap(k -> k, k -> bucket.head(k).eTag()));
    }
}
