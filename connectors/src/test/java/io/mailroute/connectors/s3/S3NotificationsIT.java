package io.mailroute.connectors.s3;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import io.mailroute.connectors.it.ConnectStack;
import io.mailroute.connectors.it.ReadCommittedConsumer;
import io.mailroute.embedded.EmbeddedS3;
import io.mailroute.embedded.EmbeddedSqs;
import io.mailroute.s3.SqsClients;
import java.time.Duration;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.apache.kafka.clients.admin.NewTopic;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import software.amazon.awssdk.services.s3.S3Client;
import software.amazon.awssdk.services.sqs.SqsClient;
import software.amazon.awssdk.services.sqs.model.QueueAttributeName;

/**
 * The S3 mail source in notifications mode in the real Connect runtime (the worker killed mid-flow
 * is {@link S3NotificationsKillIT}) (distributed worker with
 * exactly-once source support): ElasticMQ holds the bucket's notifications, which the embedded S3
 * sends on every PUT unless the test holds them back to lose, repeat or reorder them.
 */
class S3NotificationsIT {
    private static final Duration TIMEOUT = Duration.ofSeconds(120);
    private static final Duration NEVER = Duration.ofHours(1);
    private static final String BUCKET = "mail-inbound";
    private static final String RAW = "mail.raw";
    private static final String DLQ = "mail.dlq";
    private static final String GROUP = "s3-notifications-it";

    private static final HeldNotifications notifications = new HeldNotifications();
    private static ConnectStack stack;
    private static EmbeddedSqs sqs;
    private static EmbeddedS3 s3;
    private static S3Client client;
    private static TestBucket bucket;

    @BeforeAll
    static void startStack() {
        stack = ConnectStack.start(GROUP);
        sqs = EmbeddedSqs.builder().start();
        s3 = EmbeddedS3.builder().objectCreatedListener(notifications).start();
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
        if (sqs != null) {
            sqs.close();
        }
    }

    @Test
    void shouldReadEachNotifiedMailOnceWhateverHappensToItsNotifications() throws Exception {
        // given a connector that lists only once an hour, so that every mail it reads was notified
        final String queue = queue("odd-notifications");
        final String prefix = "odd/";
        try (ReadCommittedConsumer consumer =
                        new ReadCommittedConsumer(stack.kafka().bootstrapServers(), RAW, DLQ);
                SqsClient sender = SqsClients.create(sqs.settings(queue, s3.settings()))) {
            stack.rest().putConnectorConfig("odd", connectorConfig(queue, prefix, NEVER));
            stack.rest().awaitRunning("odd", 1, TIMEOUT);

            // when mail arrives with its notifications on time, repeated, out of order, SNS-wrapped,
            // for an object deleted before it was read, and among messages that are no notifications
            final String onTime = prefix + "on time";
            final String repeated = prefix + "repeated";
            final String first = prefix + "first";
            final String second = prefix + "second";
            final String deleted = prefix + "deleted";
            final String wrapped = prefix + "wrapped";
            List.of(repeated, first, second, deleted, wrapped).forEach(notifications::hold);
            List.of(onTime, repeated, first, second, deleted, wrapped).forEach(key -> put(key));
            bucket.delete(deleted);
            notifications.release(repeated);
            notifications.release(second);
            notifications.release(first);
            notifications.release(deleted);
            sender.sendMessage(b -> b.queueUrl(queue).messageBody(snsWrapped(wrapped)));
            sender.sendMessage(b -> b.queueUrl(queue).messageBody("Subject: not a notification\r\n"));
            sender.sendMessage(b -> b.queueUrl(queue).messageBody("{\"Records\":[{\"eventSource\":\"aws:s3\"}]}"));
            sender.sendMessage(b -> b.queueUrl(queue).messageBody(testEvent()));
            await().atMost(TIMEOUT)
                    .until(() -> keys(consumer.poll(), RAW, prefix).size() >= 5);
            notifications.release(repeated);
            notifications.release(first);

            // then every mail is read exactly once, nothing is dead-lettered, and the queue is drained
            await().atMost(TIMEOUT)
                    .untilAsserted(
                            () -> assertThat(waitingMessages(sender, queue)).isZero());
            assertThat(consumer.caughtUp()).isTrue();
            assertThat(keys(consumer, RAW, prefix)).containsExactlyInAnyOrder(onTime, repeated, first, second, wrapped);
            assertThat(keys(consumer, DLQ, prefix)).isEmpty();
            assertThat(stack.rest().status("odd").isRunning(1)).isTrue();
        } finally {
            stack.rest().deleteConnector("odd");
        }
    }

    @Test
    void shouldFindMailWhoseNotificationWasLostOnTheNextSafetyNetPass() throws Exception {
        final String queue = queue("lost-notifications");
        final String prefix = "lost/";
        try (ReadCommittedConsumer consumer =
                        new ReadCommittedConsumer(stack.kafka().bootstrapServers(), RAW, DLQ);
                SqsClient receiver = SqsClients.create(sqs.settings(queue, s3.settings()))) {
            stack.rest().putConnectorConfig("lost", connectorConfig(queue, prefix, Duration.ofSeconds(3)));
            stack.rest().awaitRunning("lost", 1, TIMEOUT);

            final String lost = prefix + "lost";
            notifications.hold(lost);
            put(lost);
            put(prefix + "notified");

            await().atMost(TIMEOUT)
                    .untilAsserted(() -> assertThat(keys(consumer.poll(), RAW, prefix))
                            .containsExactlyInAnyOrder(lost, prefix + "notified"));
            await().atMost(TIMEOUT)
                    .untilAsserted(
                            () -> assertThat(waitingMessages(receiver, queue)).isZero());
        } finally {
            stack.rest().deleteConnector("lost");
        }
    }

    @Test
    void measuresPutToRecordLatencyAgainstListing() throws Exception {
        final String queue = queue("latency");
        try (ReadCommittedConsumer consumer =
                new ReadCommittedConsumer(stack.kafka().bootstrapServers(), RAW)) {
            stack.rest().putConnectorConfig("notified", connectorConfig(queue, "notified/", NEVER));
            final Map<String, String> listing = connectorConfig(queue, "listed/", NEVER);
            listing.put(S3MailSourceConfig.INGEST_MODE_CONFIG, "listing");
            listing.put(S3MailSourceConfig.POLL_INTERVAL_MS_CONFIG, "2000");
            listing.put("tasks.max", "1");
            stack.rest().putConnectorConfig("listed", listing);
            stack.rest().awaitRunning("notified", 1, TIMEOUT);
            stack.rest().awaitRunning("listed", 1, TIMEOUT);

            final Latencies notified = measure(consumer, "notified/");
            final Latencies listed = measure(consumer, "listed/");

            System.out.printf(
                    "put -> %s committed, 10 mails/s: notifications p50 %d ms p99 %d ms; listing every 2 s p50 %d ms p99 %d ms%n",
                    RAW, notified.p50(), notified.p99(), listed.p50(), listed.p99());
            // absolute figures depend on the machine's load; a notified mail does not wait for a pass
            assertThat(notified.p50()).isLessThan(listed.p50());
        } finally {
            stack.rest().deleteConnector("notified");
            stack.rest().deleteConnector("listed");
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
        put(prefix + "warm-up");
        await().atMost(TIMEOUT).until(() -> see(consumer, prefix, seenAt) == 1);
        for (int i = 0; i < 50; i++) {
            final String key = prefix + i;
            putAt.put(key, System.currentTimeMillis());
            put(key);
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
        keys(consumer.poll(), RAW, prefix).forEach(k -> seenAt.putIfAbsent(k, now));
        return seenAt.size();
    }

    private static String queue(final String name) {
        final String url = sqs.createQueue(name, Duration.ofSeconds(5));
        notifications.sendTo(sqs.notifier(url));
        return url;
    }

    private static Map<String, String> connectorConfig(
            final String queue, final String prefix, final Duration safetyNet) {
        final Map<String, String> config = stack.connectorConfig(S3MailSourceConnector.class.getName());
        config.put("tasks.max", "2");
        config.putAll(S3MailSourceConfig.S3.connectionProperties(s3.settings()));
        S3MailSourceConfig.setter(config)
                .bucket(BUCKET)
                .prefix(prefix)
                .topic(RAW)
                .dlqTopic(DLQ)
                .notifications(queue, sqs.endpoint().toString(), safetyNet);
        return config;
    }

    private static void put(final String key) {
        bucket.put(key, SesMail.message(key));
    }

    private static List<String> keys(final ReadCommittedConsumer consumer, final String topic, final String prefix) {
        return consumer.records(topic).stream()
                .map(ConsumerRecord::key)
                .filter(k -> k.startsWith(prefix))
                .toList();
    }

    private static int waitingMessages(final SqsClient client, final String queue) {
        final Map<QueueAttributeName, String> attributes = client.getQueueAttributes(b -> b.queueUrl(queue)
                        .attributeNames(
                                QueueAttributeName.APPROXIMATE_NUMBER_OF_MESSAGES,
                                QueueAttributeName.APPROXIMATE_NUMBER_OF_MESSAGES_NOT_VISIBLE))
                .attributes();
        return attributes.values().stream().mapToInt(Integer::parseInt).sum();
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
