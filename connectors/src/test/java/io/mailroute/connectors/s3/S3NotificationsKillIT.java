package io.mailroute.connectors.s3;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import io.mailroute.connectors.it.ChildConnectWorker;
import io.mailroute.connectors.it.ConnectStack;
import io.mailroute.connectors.it.ReadCommittedConsumer;
import io.mailroute.embedded.EmbeddedS3;
import io.mailroute.embedded.EmbeddedSqs;
import io.mailroute.s3.SqsClients;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.stream.IntStream;
import org.apache.kafka.clients.admin.NewTopic;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import software.amazon.awssdk.services.s3.S3Client;
import software.amazon.awssdk.services.sqs.SqsClient;
import software.amazon.awssdk.services.sqs.model.QueueAttributeName;

/**
 * The S3 mail source in notifications mode in the real Connect runtime: the worker running it is
 * killed (SIGKILL, in a child JVM) while mail and its notifications keep arriving (distributed worker with
 * exactly-once source support): ElasticMQ holds the bucket's notifications, which the embedded S3
 * sends on every PUT unless the test holds them back to lose, repeat or reorder them.
 */
class S3NotificationsKillIT {
    private static final Duration TIMEOUT = Duration.ofSeconds(120);
    private static final Duration NEVER = Duration.ofHours(1);
    private static final String BUCKET = "mail-inbound";
    private static final String RAW = "mail.raw";
    private static final String DLQ = "mail.dlq";
    private static final String GROUP = "s3-notifications-kill-it";

    private static final HeldNotifications notifications = new HeldNotifications();
    private static ConnectStack stack;
    private static EmbeddedSqs sqs;
    private static EmbeddedS3 s3;
    private static S3Client client;
    private static TestBucket bucket;

    @BeforeAll
    static void startStack() {
        stack = ConnectStack.startWithoutWorker(GROUP);
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
    void shouldIngestEveryNotifiedMailExactlyOnceAlthoughTheWorkerIsKilled() throws Exception {
        // given a connector on a worker in another JVM that only reads notifications (no listing in this test's time)
        final String queue = queue("killed-worker");
        final String prefix = "killed/";
        final Random random = new Random(20261206L);
        final List<String> keys = new ArrayList<>(new LinkedHashSet<>(IntStream.range(0, 600)
                .mapToObj(i -> SesMail.randomKey(random, prefix))
                .toList()));
        try (ReadCommittedConsumer consumer =
                        new ReadCommittedConsumer(stack.kafka().bootstrapServers(), RAW, DLQ);
                SqsClient receiver = SqsClients.create(sqs.settings(queue, s3.settings()));
                ChildConnectWorker child =
                        ChildConnectWorker.start(stack.kafka().bootstrapServers(), GROUP)) {
            child.rest().putConnectorConfig("killed", connectorConfig(queue, prefix, NEVER));
            child.rest().awaitRunning("killed", 1, TIMEOUT);

            // when mail keeps arriving, the worker is killed mid-flow, more arrives while none runs, and another takes
            // over
            final Thread uploads =
                    new Thread(() -> keys.subList(0, 400).forEach(S3NotificationsKillIT::put), "uploads");
            uploads.start();
            await().atMost(TIMEOUT)
                    .until(() -> keys(consumer.poll(), RAW, prefix).size() >= 150);
            child.kill();
            uploads.join();
            keys.subList(400, keys.size()).forEach(S3NotificationsKillIT::put);
            stack.connect().start();
            final String worker =
                    stack.connect().restUrl().getHost() + ":" + stack.connect().restPort();
            stack.rest()
                    .awaitStatus(
                            "killed",
                            s -> s.isRunning(1) && s.tasks().stream().allMatch(t -> worker.equals(t.workerId())),
                            "task on " + worker,
                            TIMEOUT);

            // then every mail is read exactly once (uncommitted ones through redelivered messages) and the queue drains
            await().atMost(TIMEOUT).untilAsserted(() -> {
                assertThat(consumer.caughtUp()).isTrue();
                assertThat(keys(consumer, RAW, prefix)).hasSizeGreaterThanOrEqualTo(keys.size());
                assertThat(waitingMessages(receiver, queue)).isZero();
            });
            assertThat(keys(consumer, RAW, prefix))
                    .as("every mail exactly once")
                    .containsExactlyInAnyOrderElementsOf(keys);
        } finally {
            stack.rest().deleteConnector("killed");
            stack.connect().stop();
        }
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
}
