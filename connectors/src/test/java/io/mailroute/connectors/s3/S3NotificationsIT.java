package io.mailroute.connectors.s3;

import static io.mailroute.connectors.s3.NotificationsItStack.BUCKET;
import static io.mailroute.connectors.s3.NotificationsItStack.DLQ;
import static io.mailroute.connectors.s3.NotificationsItStack.RAW;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import io.mailroute.connectors.it.ReadCommittedConsumer;
import java.time.Duration;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import software.amazon.awssdk.services.sqs.SqsClient;

/**
 * The S3 mail source in notifications mode in the real Connect runtime (the worker killed mid-flow
 * is {@link S3NotificationsKillIT}) (distributed worker with
 * exactly-once source support): ElasticMQ holds the bucket's notifications, which the embedded S3
 * sends on every PUT unless the test holds them back to lose, repeat or reorder them.
 */
class S3NotificationsIT {
    private static final Duration TIMEOUT = Duration.ofSeconds(120);
    private static final Duration NEVER = Duration.ofHours(1);
    private static final String GROUP = "s3-notifications-it";

    private static NotificationsItStack it;

    @BeforeAll
    static void startStack() {
        it = NotificationsItStack.start(GROUP, true);
    }

    @AfterAll
    static void stopStack() {
        if (it != null) {
            it.close();
        }
    }

    @Test
    void shouldReadEachNotifiedMailOnceWhateverHappensToItsNotifications() throws Exception {
        // given a connector that lists only once an hour, so that every mail it reads was notified
        final String queue = it.queue("odd-notifications");
        final String prefix = "odd/";
        try (ReadCommittedConsumer consumer =
                        new ReadCommittedConsumer(it.connect().kafka().bootstrapServers(), RAW, DLQ);
                SqsClient sender = it.sqsClient(queue)) {
            it.connect().rest().putConnectorConfig("odd", it.connectorConfig(queue, prefix, NEVER));
            it.connect().rest().awaitRunning("odd", 1, TIMEOUT);

            // when mail arrives with its notifications on time, repeated, out of order, SNS-wrapped,
            // for an object deleted before it was read, and among messages that are no notifications
            final String onTime = prefix + "on time";
            final String repeated = prefix + "repeated";
            final String first = prefix + "first";
            final String second = prefix + "second";
            final String deleted = prefix + "deleted";
            final String wrapped = prefix + "wrapped";
            List.of(repeated, first, second, deleted, wrapped).forEach(it.notifications()::hold);
            List.of(onTime, repeated, first, second, deleted, wrapped).forEach(key -> it.put(key));
            it.bucket().delete(deleted);
            it.notifications().release(repeated);
            it.notifications().release(second);
            it.notifications().release(first);
            it.notifications().release(deleted);
            sender.sendMessage(b -> b.queueUrl(queue).messageBody(snsWrapped(wrapped)));
            sender.sendMessage(b -> b.queueUrl(queue).messageBody("Subject: not a notification\r\n"));
            sender.sendMessage(b -> b.queueUrl(queue).messageBody("{\"Records\":[{\"eventSource\":\"aws:s3\"}]}"));
            sender.sendMessage(b -> b.queueUrl(queue).messageBody(testEvent()));
            await().atMost(TIMEOUT)
                    .until(() -> NotificationsItStack.keys(consumer.poll(), RAW, prefix)
                                    .size()
                            >= 5);
            it.notifications().release(repeated);
            it.notifications().release(first);

            // then every mail is read exactly once, nothing is dead-lettered, and the queue is drained
            await().atMost(TIMEOUT)
                    .untilAsserted(() -> assertThat(NotificationsItStack.waitingMessages(sender, queue))
                            .isZero());
            assertThat(consumer.caughtUp()).isTrue();
            assertThat(NotificationsItStack.keys(consumer, RAW, prefix))
                    .containsExactlyInAnyOrder(onTime, repeated, first, second, wrapped);
            assertThat(NotificationsItStack.keys(consumer, DLQ, prefix)).isEmpty();
            assertThat(it.connect().rest().status("odd").isRunning(1)).isTrue();
        } finally {
            it.connect().rest().deleteConnector("odd");
        }
    }

    @Test
    void shouldFindMailWhoseNotificationWasLostOnTheNextSafetyNetPass() throws Exception {
        final String queue = it.queue("lost-notifications");
        final String prefix = "lost/";
        try (ReadCommittedConsumer consumer =
                        new ReadCommittedConsumer(it.connect().kafka().bootstrapServers(), RAW, DLQ);
                SqsClient receiver = it.sqsClient(queue)) {
            it.connect().rest().putConnectorConfig("lost", it.connectorConfig(queue, prefix, Duration.ofSeconds(3)));
            it.connect().rest().awaitRunning("lost", 1, TIMEOUT);

            final String lost = prefix + "lost";
            it.notifications().hold(lost);
            it.put(lost);
            it.put(prefix + "notified");

            await().atMost(TIMEOUT)
                    .untilAsserted(() -> assertThat(NotificationsItStack.keys(consumer.poll(), RAW, prefix))
                            .containsExactlyInAnyOrder(lost, prefix + "notified"));
            await().atMost(TIMEOUT)
                    .untilAsserted(() -> assertThat(NotificationsItStack.waitingMessages(receiver, queue))
                            .isZero());
        } finally {
            it.connect().rest().deleteConnector("lost");
        }
    }

    @Test
    void measuresPutToRecordLatencyAgainstListing() throws Exception {
        final String queue = it.queue("latency");
        try (ReadCommittedConsumer consumer =
                new ReadCommittedConsumer(it.connect().kafka().bootstrapServers(), RAW)) {
            it.connect().rest().putConnectorConfig("notified", it.connectorConfig(queue, "notified/", NEVER));
            final Map<String, String> listing = it.connectorConfig(queue, "listed/", NEVER);
            listing.put(S3MailSourceConfig.INGEST_MODE_CONFIG, "listing");
            listing.put(S3MailSourceConfig.POLL_INTERVAL_MS_CONFIG, "2000");
            listing.put("tasks.max", "1");
            it.connect().rest().putConnectorConfig("listed", listing);
            it.connect().rest().awaitRunning("notified", 1, TIMEOUT);
            it.connect().rest().awaitRunning("listed", 1, TIMEOUT);

            final Latencies notified = measure(consumer, "notified/");
            final Latencies listed = measure(consumer, "listed/");

            System.out.printf(
                    "put -> %s committed, 10 mails/s: notifications p50 %d ms p99 %d ms; listing every 2 s p50 %d ms p99 %d ms%n",
                    RAW, notified.p50(), notified.p99(), listed.p50(), listed.p99());
            // absolute figures depend on the machine's load; a notified mail does not wait for a pass
            assertThat(notified.p50()).isLessThan(listed.p50());
        } finally {
            it.connect().rest().deleteConnector("notified");
            it.connect().rest().deleteConnector("listed");
        }
    }

    private record Latencies(long p50, long p99) {}

    /**
     * Puts 50 mails at 10 a second and takes the time from each put to its record being readable,
     * after one mail that warms the path up (its first transaction, the schema's registration).
     */
    private static Latencies measure(final ReadCommittedConsumer consumer, final String prefix) throws Exception {
        final Map<String, Long> putAt = new HashMap<>();
        final Map<String, Long> seenAt = new HashMap<>();
        it.put(prefix + "warm-up");
        await().atMost(TIMEOUT).until(() -> see(consumer, prefix, seenAt) == 1);
        for (int i = 0; i < 50; i++) {
            final String key = prefix + i;
            putAt.put(key, System.currentTimeMillis());
            it.put(key);
            final long next = putAt.get(key) + 100;
            while (System.currentTimeMillis() < next) {
                see(consumer, prefix, seenAt);
            }
        }
        await().atMost(TIMEOUT).until(() -> {
            see(consumer, prefix, seenAt);
            return seenAt.keySet().containsAll(putAt.keySet());
        });
        final long[] latencies = putAt.keySet().stream()
                .mapToLong(k -> seenAt.get(k) - putAt.get(k))
                .sorted()
                .toArray();
        return new Latencies(latencies[latencies.length / 2], latencies[(int) Math.ceil(latencies.length * 0.99) - 1]);
    }

    /** Notes when each record of {@code prefix} was first readable; returns how many were. */
    private static int see(final ReadCommittedConsumer consumer, final String prefix, final Map<String, Long> seenAt) {
        final long now = System.currentTimeMillis();
        NotificationsItStack.keys(consumer.poll(), RAW, prefix).forEach(k -> seenAt.putIfAbsent(k, now));
        return seenAt.size();
    }

    private static String snsWrapped(final String key) {
        final String event = "{\"Records\":[{\"eventSource\":\"aws:s3\",\"eventName\":\"ObjectCreated:Put\","
                + "\"s3\":{\"bucket\":{\"name\":\"" + BUCKET + "\"},\"object\":{\"key\":\""
                + key.replace(" ", "+") + "\",\"size\":1}}}]}";
        return "{\"Type\":\"Notification\",\"TopicArn\":\"arn:aws:sns:us-east-1:123456789012:mail\",\"Message\":\""
                + event.replace("\"", "\\\"") + "\"}";
    }

    private static String testEvent() {
        return "{\"Service\":\"Amazon S3\",\"Event\":\"s3:TestEvent\",\"Bucket\":\"" + BUCKET + "\"}";
    }
}
