package io.mailroute.connectors.s3;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.awaitility.Awaitility.await;

import io.mailroute.avro.DeadLetter;
import io.mailroute.avro.RawMail;
import io.mailroute.avro.Stage;
import io.mailroute.avro.Storage;
import io.mailroute.connectors.s3.S3MailSourceConfig.AfterRead;
import io.mailroute.schemas.registry.SchemaRegistryClients;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HexFormat;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Random;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.stream.Collectors;
import org.apache.kafka.connect.errors.ConnectException;
import org.apache.kafka.connect.source.SourceRecord;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInfo;

/** The task against a real S3 API (in-process S3Proxy), with the worker's part played by {@link TaskHarness}. */
class S3MailSourceTaskTest {
    private static final AtomicInteger BUCKETS = new AtomicInteger();
    private static FaultyBlobStore store;
    private static S3ProxyFixture s3;

    private String bucket;
    private TaskHarness harness;

    @BeforeAll
    static void startS3() throws Exception {
        s3 = S3ProxyFixture.start(delegate -> store = new FaultyBlobStore(delegate));
    }

    @AfterAll
    static void stopS3() {
        s3.close();
    }

    @BeforeEach
    void createBucket(final TestInfo test) {
        bucket = "task-" + BUCKETS.incrementAndGet() + "-"
                + test.getTestMethod()
                        .orElseThrow()
                        .getName()
                        .replaceAll("[^A-Za-z0-9]", "")
                        .toLowerCase(Locale.ROOT);
        bucket = bucket.substring(0, Math.min(bucket.length(), 60));
        s3.createBucket(bucket);
    }

    @AfterEach
    void stopTask() {
        if (harness != null) {
            harness.close();
        }
        SchemaRegistryClients.dropScope(bucket);
    }

    private S3MailSourceConfig.Setter config() {
        final Map<String, String> props = new HashMap<>();
        return s3.configure(S3MailSourceConfig.setter(props)
                .bucket(bucket)
                .registryUrl(SchemaRegistryClients.MOCK_SCHEME + bucket)
                .converters()
                .pollInterval(Duration.ofMillis(20))
                .backoff(Duration.ofMillis(10), Duration.ofMillis(40))
                .set("name", bucket));
    }

    private static Map<String, SourceRecord> byKey(final List<SourceRecord> records) {
        return records.stream().collect(Collectors.toMap(r -> (String) r.key(), r -> r));
    }

    private static String sha256(final byte[] bytes) throws Exception {
        return HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256").digest(bytes));
    }

    @Test
    void shouldEmitOneInlineRecordPerMailKeyedByObjectKey() throws Exception {
        // given
        s3.put(bucket, "incoming/0a1b2c3d", "Subject: one\r\n\r\nbody one");
        s3.put(bucket, "incoming/ffee0011", "Subject: two\r\n\r\nbody two");
        s3.put(bucket, "incoming/", ""); // folder marker, not a mail
        s3.put(bucket, "elsewhere/99887766", "Subject: not ours"); // outside the prefix
        harness = TaskHarness.single(config().props());

        // when
        final List<SourceRecord> records = harness.pollRecords(2);

        // then
        assertThat(records)
                .extracting(SourceRecord::key)
                .containsExactlyInAnyOrder("incoming/0a1b2c3d", "incoming/ffee0011");
        final SourceRecord first = byKey(records).get("incoming/0a1b2c3d");
        assertThat(first.topic()).isEqualTo("mail.raw");
        assertThat(first.sourcePartition()).isEqualTo(Map.of("bucket", bucket, "key", "incoming/0a1b2c3d"));
        assertThat(first.sourceOffset().keySet())
                .containsExactlyInAnyOrder("v", "etag", "lastModified", "size", "outcome");
        assertThat(ObjectOffset.fromMap(first.sourceOffset()).outcome()).isEqualTo(ObjectOffset.Outcome.INGESTED);
        final RawMail mail = harness.rawMail(first);
        final byte[] content = "Subject: one\r\n\r\nbody one".getBytes(StandardCharsets.UTF_8);
        assertThat(mail.getMailId()).isEqualTo("incoming/0a1b2c3d");
        assertThat(mail.getBucket()).isEqualTo(bucket);
        assertThat(mail.getKey()).isEqualTo("incoming/0a1b2c3d");
        assertThat(mail.getStorage()).isEqualTo(Storage.INLINE);
        assertThat(mail.getContent().array()).isEqualTo(content);
        assertThat(mail.getSize()).isEqualTo(content.length);
        assertThat(mail.getSha256()).isEqualTo(sha256(content));
        assertThat(mail.getEtag()).isNotBlank().doesNotContain("\"");
        assertThat(harness.metric(S3MailMetrics.OBJECTS_READ_TOTAL)).isEqualTo(2.0);
        assertThat(harness.metric(S3MailMetrics.BYTES_READ_TOTAL)).isEqualTo(2.0 * content.length);
    }

    @Test
    void shouldEmitAnEmptyObjectAsAnEmptyMail() throws Exception {
        // given
        s3.put(bucket, "incoming/empty", new byte[0]);
        harness = TaskHarness.single(config().props());

        // when
        final RawMail mail = harness.rawMail(harness.pollRecords(1).get(0));

        // then
        assertThat(mail.getSize()).isZero();
        assertThat(mail.getStorage()).isEqualTo(Storage.INLINE);
        assertThat(mail.getContent().remaining()).isZero();
        assertThat(mail.getSha256()).isEqualTo("e3b0c44298fc1c149afbf4c8996fb92427ae41e4649b934ca495991b7852b855");
    }

    @Test
    void shouldOnlyReadKeysMatchingTheKeyRegex() throws Exception {
        // given
        s3.put(bucket, "incoming/AMAZON_SES_SETUP_NOTIFICATION", "setup");
        s3.put(bucket, "incoming/0123abcd", "mail");
        harness = TaskHarness.single(config().keyRegex("incoming/[0-9a-z]+").props());

        // when
        final List<SourceRecord> records = harness.pollRecords(1);
        harness.commit(records);

        // then
        assertThat(records).extracting(SourceRecord::key).containsExactly("incoming/0123abcd");
        assertThat(harness.pollPasses(2)).isEmpty();
    }

    @Test
    void shouldClaimCheckA40MegabyteMailWithItsStreamedDigest() throws Exception {
        // given
        final byte[] big = new byte[40 * 1024 * 1024];
        new Random(40).nextBytes(big);
        s3.put(bucket, "incoming/big", big);
        s3.put(bucket, "incoming/small", "small");
        harness = TaskHarness.single(config().inlineMaxBytes(1024).props());

        // when
        final Map<String, SourceRecord> records = byKey(harness.pollRecords(2));

        // then
        final RawMail mail = harness.rawMail(records.get("incoming/big"));
        assertThat(mail.getStorage()).isEqualTo(Storage.CLAIM_CHECK);
        assertThat(mail.getContent()).isNull();
        assertThat(mail.getSize()).isEqualTo(big.length);
        assertThat(mail.getSha256()).isEqualTo(sha256(big));
        assertThat(mail.getBucket()).isEqualTo(bucket);
        assertThat(mail.getKey()).isEqualTo("incoming/big");
        assertThat(((byte[]) records.get("incoming/big").value()).length).isLessThan(1024);
        assertThat(harness.rawMail(records.get("incoming/small")).getStorage()).isEqualTo(Storage.INLINE);
        assertThat(harness.metric(S3MailMetrics.CLAIM_CHECKS_TOTAL)).isEqualTo(1.0);
    }

    @Test
    void shouldNotEmitAnObjectAgainWhileItsRecordIsInFlight() throws Exception {
        // given
        s3.put(bucket, "incoming/a1", "one");
        harness = TaskHarness.single(config().props());
        final List<SourceRecord> first = harness.pollRecords(1);

        // when several passes run before the worker acknowledges the record
        s3.put(bucket, "incoming/b2", "two");
        final List<SourceRecord> later = harness.pollRecords(1);

        // then
        assertThat(first).extracting(SourceRecord::key).containsExactly("incoming/a1");
        assertThat(later).extracting(SourceRecord::key).containsExactly("incoming/b2");
        assertThat(harness.metric(S3MailMetrics.OBJECTS_IN_FLIGHT)).isEqualTo(2.0);
        assertThat(harness.metric(S3MailMetrics.OLDEST_UNPROCESSED_AGE_MS)).isPositive();
    }

    @Test
    void shouldNotEmitCommittedObjectsAgainAfterARestart() throws Exception {
        // given
        s3.put(bucket, "incoming/a1", "one");
        s3.put(bucket, "incoming/b2", "two");
        harness = TaskHarness.single(config().props());
        harness.commit(harness.pollRecords(2));

        // when
        harness.restart();
        s3.put(bucket, "incoming/c3", "three");

        // then
        assertThat(harness.pollRecords(1)).extracting(SourceRecord::key).containsExactly("incoming/c3");
        assertThat(harness.metric(S3MailMetrics.OLDEST_UNPROCESSED_AGE_MS)).isPositive();
    }

    @Test
    void shouldNotEmitAcknowledgedObjectsAgainBeforeTheirOffsetsAreFlushed() throws Exception {
        // given at-least-once mode: commitRecord comes with the producer's ack, offsets are flushed later
        s3.put(bucket, "incoming/a1", "one");
        harness = TaskHarness.single(config().props());

        // when
        harness.acknowledge(harness.pollRecords(1));

        // then
        assertThat(harness.pollPasses(3)).isEmpty();
        assertThat(harness.metric(S3MailMetrics.OBJECTS_IN_FLIGHT)).isZero();
        assertThat(harness.metric(S3MailMetrics.OLDEST_UNPROCESSED_AGE_MS)).isZero();
    }

    @Test
    void shouldEmitUncommittedObjectsAgainAfterARestart() throws Exception {
        // given a record the worker never acknowledged (crash before the commit)
        s3.put(bucket, "incoming/a1", "one");
        harness = TaskHarness.single(config().props());
        harness.pollRecords(1);

        // when
        harness.restart();

        // then
        assertThat(harness.pollRecords(1)).extracting(SourceRecord::key).containsExactly("incoming/a1");
    }

    @Test
    void shouldReadAKeyAgainWhenItIsUploadedAgainWithOtherContent() throws Exception {
        // given
        s3.put(bucket, "incoming/a1", "first upload");
        harness = TaskHarness.single(config().props());
        harness.commit(harness.pollRecords(1));

        // when
        s3.put(bucket, "incoming/a1", "second upload");

        // then
        final SourceRecord again = harness.pollRecords(1).get(0);
        assertThat(harness.rawMail(again).getContent().array())
                .isEqualTo("second upload".getBytes(StandardCharsets.UTF_8));
    }

    @Test
    void shouldLeaveObjectsInPlaceWithAfterReadNone() throws Exception {
        // given
        s3.put(bucket, "incoming/a1", "one");
        harness = TaskHarness.single(config().afterRead(AfterRead.NONE).props());

        // when
        harness.commit(harness.pollRecords(1));

        // then
        assertThat(harness.pollPasses(2)).isEmpty();
        assertThat(s3.keys(bucket, "")).containsExactly("incoming/a1");
    }

    @Test
    void shouldTagObjectsOnlyOnceTheirRecordIsCommitted() throws Exception {
        // given
        s3.put(bucket, "incoming/a1", "one");
        final TaggingS3Client tagging = new TaggingS3Client(s3.client());
        harness = new TaskHarness(
                config().afterRead(AfterRead.TAG).tag("ingested", "yes").props(),
                0,
                1,
                new ConcurrentHashMap<>(),
                config -> tagging.client());
        final List<SourceRecord> records = harness.pollRecords(1);
        harness.poll();
        assertThat(tagging.tags(bucket, "incoming/a1")).isEmpty();

        // when
        harness.commit(records);
        harness.pollUntilTrue(() -> !tagging.tags(bucket, "incoming/a1").isEmpty());

        // then
        assertThat(tagging.tags(bucket, "incoming/a1")).containsEntry("ingested", "yes");
        assertThat(s3.keys(bucket, "")).containsExactly("incoming/a1");
        assertThat(harness.metric(S3MailMetrics.AFTER_READ_TOTAL)).isEqualTo(1.0);
        assertThat(harness.pollPasses(2)).isEmpty();
    }

    @Test
    void shouldMoveObjectsToTheProcessedPrefixDeletingTheOriginalOnlyOnceCommitted() throws Exception {
        // given
        s3.put(bucket, "incoming/a1", "one");
        harness = TaskHarness.single(config().afterRead(AfterRead.MOVE).props());
        final List<SourceRecord> records = harness.pollRecords(1);
        harness.poll();
        assertThat(s3.keys(bucket, "")).containsExactlyInAnyOrder("incoming/a1", "processed/a1");

        // when
        harness.commit(records);
        harness.pollUntilTrue(() -> s3.keys(bucket, "incoming/").isEmpty());

        // then
        assertThat(s3.keys(bucket, "")).containsExactly("processed/a1");
        final RawMail mail = harness.rawMail(records.get(0));
        assertThat(mail.getMailId()).isEqualTo("incoming/a1");
        assertThat(mail.getKey()).isEqualTo("processed/a1");
        assertThat(s3.get(bucket, "processed/a1")).isEqualTo("one".getBytes(StandardCharsets.UTF_8));
    }

    @Test
    void shouldMoveObjectsToAnotherBucket() throws Exception {
        // given
        final String archive = bucket.substring(0, Math.min(bucket.length(), 50)) + "-archive";
        s3.createBucket(archive);
        s3.put(bucket, "incoming/a1", "one");
        harness = TaskHarness.single(
                config().afterRead(AfterRead.MOVE).moveTo(archive, "mail/").props());

        // when
        final List<SourceRecord> records = harness.pollRecords(1);
        harness.commit(records);
        harness.pollUntilTrue(() -> s3.keys(bucket, "").isEmpty());

        // then
        assertThat(s3.keys(archive, "")).containsExactly("mail/a1");
        assertThat(harness.rawMail(records.get(0)).getBucket()).isEqualTo(archive);
    }

    @Test
    void shouldDeleteObjectsOnceCommittedKeepingClaimCheckedOnesFetchable() throws Exception {
        // given
        s3.put(bucket, "incoming/small", "small mail");
        s3.put(bucket, "incoming/large", "a mail larger than the inline limit");
        harness = TaskHarness.single(
                config().afterRead(AfterRead.DELETE).inlineMaxBytes(16).props());
        final Map<String, SourceRecord> records = byKey(harness.pollRecords(2));
        harness.poll();
        assertThat(s3.keys(bucket, "incoming/")).hasSize(2);

        // when
        harness.commit(records.values());
        harness.pollUntilTrue(() -> s3.keys(bucket, "incoming/").isEmpty());

        // then
        assertThat(s3.keys(bucket, "")).containsExactly("claim-check/large");
        final RawMail large = harness.rawMail(records.get("incoming/large"));
        assertThat(large.getStorage()).isEqualTo(Storage.CLAIM_CHECK);
        assertThat(large.getKey()).isEqualTo("claim-check/large");
        assertThat(s3.get(bucket, large.getKey()))
                .isEqualTo("a mail larger than the inline limit".getBytes(StandardCharsets.UTF_8));
    }

    @Test
    void shouldDeleteCommittedObjectsInOneBatchKeepingAnUploadThatReplacedOneOfThem() throws Exception {
        // given
        for (int i = 0; i < 3; i++) {
            s3.put(bucket, "incoming/m" + i, "mail " + i);
        }
        harness = TaskHarness.single(config().afterRead(AfterRead.DELETE).props());
        final List<SourceRecord> records = harness.pollRecords(3);
        s3.put(bucket, "incoming/m1", "a new upload under the same key");

        // when
        harness.commit(records);
        final List<SourceRecord> again = harness.pollUntil(emitted -> !emitted.isEmpty());

        // then
        assertThat(s3.keys(bucket, "incoming/")).containsExactly("incoming/m1");
        assertThat(again).hasSize(1);
        assertThat(harness.rawMail(again.get(0)).getContent().array())
                .isEqualTo("a new upload under the same key".getBytes(StandardCharsets.UTF_8));
    }

    @Test
    void shouldDeleteCommittedObjectsOnceABatchDeleteIsThrottled() throws Exception {
        // given
        for (int i = 0; i < 3; i++) {
            s3.put(bucket, "incoming/m" + i, "mail " + i);
        }
        harness = TaskHarness.single(config().afterRead(AfterRead.DELETE).props());
        final List<SourceRecord> records = harness.pollRecords(3);
        store.failNextDeletes(2);

        // when
        harness.commit(records);
        final List<SourceRecord> emitted =
                harness.pollUntilTrue(() -> s3.keys(bucket, "incoming/").isEmpty());

        // then
        assertThat(emitted).isEmpty();
        assertThat(harness.metric(S3MailMetrics.S3_ERRORS_TOTAL)).isGreaterThanOrEqualTo(1.0);
    }

    @Test
    void shouldFinishTheAfterReadActionOfACommittedRecordAfterARestart() throws Exception {
        // given a crash after the commit, before the after-read action ran
        s3.put(bucket, "incoming/a1", "one");
        final Map<Map<String, ?>, Map<String, Object>> offsets = new ConcurrentHashMap<>();
        final Map<String, String> props = config().afterRead(AfterRead.MOVE).props();
        harness = new TaskHarness(props, 0, 1, offsets);
        harness.pollRecords(1).forEach(r -> offsets.put(r.sourcePartition(), Map.copyOf(r.sourceOffset())));

        // when
        harness.restart();
        final List<SourceRecord> emitted =
                harness.pollUntilTrue(() -> s3.keys(bucket, "incoming/").isEmpty());

        // then
        assertThat(emitted).isEmpty();
        assertThat(s3.keys(bucket, "")).containsExactly("processed/a1");
    }

    @Test
    void shouldDeadLetterAnUnreadableObjectAndRecordTheErrorBesideIt() throws Exception {
        // given an object encrypted with a customer key the connector does not have
        s3.putEncrypted(bucket, "incoming/sealed", "secret mail");
        s3.put(bucket, "incoming/plain", "plain mail");
        harness = TaskHarness.single(config().afterRead(AfterRead.MOVE).props());

        // when
        final Map<String, SourceRecord> records = byKey(harness.pollRecords(2));
        harness.commit(records.values());
        harness.pollUntilTrue(() -> s3.keys(bucket, "incoming/").equals(List.of("incoming/sealed")));

        // then
        final SourceRecord dead = records.get("incoming/sealed");
        assertThat(dead.topic()).isEqualTo("mail.dlq");
        assertThat(ObjectOffset.fromMap(dead.sourceOffset()).outcome()).isEqualTo(ObjectOffset.Outcome.FAILED_IN_PLACE);
        final DeadLetter letter = harness.deadLetter(dead);
        assertThat(letter.getStage()).isEqualTo(Stage.INGEST);
        assertThat(letter.getErrorClass()).isEqualTo("s3:InvalidRequest");
        assertThat(letter.getMessage()).contains("incoming/sealed").doesNotContain("secret mail");
        assertThat(letter.getRaw().getKey()).isEqualTo("incoming/sealed");
        assertThat(s3.keys(bucket, "failed/")).containsExactly("failed/sealed.error.json");
        assertThat(new String(s3.get(bucket, "failed/sealed.error.json"), StandardCharsets.UTF_8))
                .contains("InvalidRequest");
        assertThat(harness.metric(S3MailMetrics.OBJECTS_FAILED_TOTAL)).isEqualTo(1.0);

        // and after a restart it is not dead-lettered again
        harness.restart();
        assertThat(harness.pollPasses(2)).isEmpty();
    }

    @Test
    void shouldDeadLetterAnOversizedObjectAndMoveItToFailedWithTheError() throws Exception {
        // given
        s3.put(bucket, "incoming/huge", "x".repeat(200));
        harness = TaskHarness.single(config().maxObjectBytes(100).props());
        final SourceRecord dead = harness.pollRecords(1).get(0);
        assertThat(s3.keys(bucket, "")).containsExactlyInAnyOrder("incoming/huge", "failed/huge");

        // when
        harness.commit(List.of(dead));
        harness.pollUntilTrue(() -> s3.keys(bucket, "incoming/").isEmpty());

        // then
        final DeadLetter letter = harness.deadLetter(dead);
        assertThat(letter.getErrorClass()).isEqualTo("mailroute:ObjectTooLarge");
        assertThat(letter.getRaw().getKey()).isEqualTo("failed/huge");
        assertThat(s3.metadata(bucket, "failed/huge"))
                .containsEntry(AfterReadActions.ERROR_CLASS_METADATA, "mailroute:ObjectTooLarge")
                .containsKey(AfterReadActions.FAILED_AT_METADATA);
        assertThat(s3.keys(bucket, "")).containsExactly("failed/huge");
    }

    @Test
    void shouldDeadLetterAnObjectThatVanishedBetweenListingAndReading() throws Exception {
        // given
        s3.put(bucket, "incoming/a1", "one");
        s3.put(bucket, "incoming/b2", "two");
        harness = TaskHarness.single(config().maxObjectsPerPoll(1).props());
        final SourceRecord first = harness.pollRecords(1).get(0);
        final String other = "incoming/a1".equals(first.key()) ? "incoming/b2" : "incoming/a1";

        // when
        s3.client().deleteObject(b -> b.bucket(bucket).key(other));
        final SourceRecord second = harness.pollRecords(1).get(0);

        // then
        assertThat(second.key()).isEqualTo(other);
        assertThat(ObjectOffset.fromMap(second.sourceOffset()).outcome()).isEqualTo(ObjectOffset.Outcome.VANISHED);
        assertThat(harness.deadLetter(second).getErrorClass()).isEqualTo("s3:NoSuchKey");
    }

    @Test
    void shouldBackOffOnThrottlingWithoutLosingAnyObject() throws Exception {
        // given
        for (int i = 0; i < 5; i++) {
            s3.put(bucket, "incoming/m" + i, "mail " + i);
        }
        harness = TaskHarness.single(config().maxObjectsPerPoll(2).props());
        store.failNextLists(2);

        // when
        final List<SourceRecord> first = harness.pollRecords(1);
        store.failNextGets(3);
        final List<SourceRecord> rest = harness.pollUntil(r -> r.size() + first.size() >= 5);

        // then
        assertThat(first.size() + rest.size()).isEqualTo(5);
        assertThat(Set.copyOf(first.stream().map(SourceRecord::key).toList()))
                .doesNotContainAnyElementsOf(
                        rest.stream().map(SourceRecord::key).toList());
        assertThat(harness.metric(S3MailMetrics.S3_ERRORS_TOTAL)).isGreaterThanOrEqualTo(5.0);
    }

    @Test
    void shouldHandProgressOverWhenTheTaskCountChanges() throws Exception {
        // given one task that committed the first 20 objects
        final Map<String, String> props = config().props();
        final Map<Map<String, ?>, Map<String, Object>> offsets = new ConcurrentHashMap<>();
        for (int i = 0; i < 20; i++) {
            s3.put(bucket, "incoming/first-" + i, "mail " + i);
        }
        try (TaskHarness single = new TaskHarness(props, 0, 1, offsets)) {
            single.commit(single.pollRecords(20));
        }

        // when three tasks take over and 20 more objects arrive
        for (int i = 0; i < 20; i++) {
            s3.put(bucket, "incoming/second-" + i, "mail " + i);
        }
        final List<TaskHarness> tasks = List.of(
                new TaskHarness(props, 0, 3, offsets),
                new TaskHarness(props, 1, 3, offsets),
                new TaskHarness(props, 2, 3, offsets));
        final List<String> emitted = new ArrayList<>();
        try {
            await().atMost(Duration.ofSeconds(60)).pollDelay(Duration.ZERO).until(() -> {
                for (final TaskHarness task : tasks) {
                    task.poll().forEach(r -> emitted.add((String) r.key()));
                }
                return emitted.size() >= 20;
            });
            for (final TaskHarness task : tasks) {
                task.pollPasses(2).forEach(r -> emitted.add((String) r.key()));
            }
        } finally {
            tasks.forEach(TaskHarness::close);
        }

        // then only the new objects were read, each once
        assertThat(emitted)
                .hasSize(20)
                .doesNotHaveDuplicates()
                .allSatisfy(key -> assertThat(key).startsWith("incoming/second-"));
    }

    @Test
    void shouldFailTheTaskWhenTheCredentialsAreRejected() throws Exception {
        // given
        s3.put(bucket, "incoming/a1", "one");
        harness = TaskHarness.single(config().credentials(S3ProxyFixture.ACCESS_KEY, "not-the-secret")
                .props());

        // then
        assertThatThrownBy(harness::poll).isInstanceOf(ConnectException.class).hasMessageContaining("403");
    }

    @Test
    void shouldFailTheTaskWhenTheEndpointCannotTagObjects() throws Exception {
        // given S3Proxy, which implements no object tagging
        s3.put(bucket, "incoming/a1", "one");
        harness = TaskHarness.single(config().afterRead(AfterRead.TAG).props());
        harness.commit(harness.pollRecords(1));

        // then
        assertThatThrownBy(() -> harness.pollPasses(1))
                .isInstanceOf(ConnectException.class)
                .hasMessageContaining("tagging")
                .hasMessageContaining("501");
    }

    @Test
    void shouldSplitKeysAmongTasksWithoutOverlap() throws Exception {
        // given
        final int objects = 60;
        for (int i = 0; i < objects; i++) {
            s3.put(bucket, "incoming/" + Integer.toHexString(i * 7919), "mail " + i);
        }
        final Map<String, String> props = config().props();
        final Map<Map<String, ?>, Map<String, Object>> offsets = new ConcurrentHashMap<>();
        final List<TaskHarness> tasks = List.of(
                new TaskHarness(props, 0, 3, offsets),
                new TaskHarness(props, 1, 3, offsets),
                new TaskHarness(props, 2, 3, offsets));
        final List<List<String>> emitted = List.of(new ArrayList<>(), new ArrayList<>(), new ArrayList<>());

        try {
            // when
            await().atMost(Duration.ofSeconds(60)).pollDelay(Duration.ZERO).until(() -> {
                for (int t = 0; t < tasks.size(); t++) {
                    final List<String> sink = emitted.get(t);
                    tasks.get(t).poll().forEach(r -> sink.add((String) r.key()));
                }
                return emitted.stream().flatMap(List::stream).distinct().count() == objects;
            });
            for (int t = 0; t < tasks.size(); t++) {
                final List<String> sink = emitted.get(t);
                tasks.get(t).pollPasses(2).forEach(r -> sink.add((String) r.key()));
            }

            // then every key was emitted by exactly one task, and every task had some
            assertThat(emitted.stream().mapToInt(List::size).sum()).isEqualTo(objects);
            assertThat(emitted).allSatisfy(keys -> assertThat(keys).isNotEmpty());
        } finally {
            tasks.forEach(TaskHarness::close);
        }
    }
}
