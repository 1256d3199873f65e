package io.mailroute.connectors.s3;

import io.mailroute.connectors.it.ConnectStack;
import io.mailroute.connectors.it.ReadCommittedConsumer;
import io.mailroute.embedded.EmbeddedS3;
import io.mailroute.embedded.EmbeddedSqs;
import io.mailroute.s3.SqsClients;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import org.apache.kafka.clients.admin.NewTopic;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import software.amazon.awssdk.services.s3.S3Client;
import software.amazon.awssdk.services.sqs.SqsClient;
import software.amazon.awssdk.services.sqs.model.QueueAttributeName;

/**
 * What the notifications-mode ITs share: a Kafka (and, unless the test runs its own, a Connect
 * worker with exactly-once source support), ElasticMQ, and an embedded S3 whose ObjectCreated
 * notifications go through {@link HeldNotifications}, so that a test can lose, repeat or reorder them.
 */
final class NotificationsItStack implements AutoCloseable {
    static final String BUCKET = "mail-inbound";
    static final String RAW = "mail.raw";
    static final String DLQ = "mail.dlq";

    private final HeldNotifications notifications = new HeldNotifications();
    private ConnectStack connect;
    private EmbeddedSqs sqs;
    private EmbeddedS3 s3;
    private S3Client client;
    private TestBucket bucket;

    private NotificationsItStack() {}

    /** Starts the stack for consumer group {@code group}; with {@code worker}, a Connect worker in this JVM too. */
    static NotificationsItStack start(final String group, final boolean worker) {
        final NotificationsItStack stack = new NotificationsItStack();
        try {
            stack.connect = worker ? ConnectStack.start(group) : ConnectStack.startWithoutWorker(group);
            stack.sqs = EmbeddedSqs.builder().start();
            stack.s3 = EmbeddedS3.builder()
                    .objectCreatedListener(stack.notifications)
                    .start();
            stack.s3.createBucket(BUCKET);
            stack.client = stack.s3.newClient();
            stack.bucket = new TestBucket(stack.client, BUCKET);
            stack.connect.createTopics(new NewTopic(RAW, 3, (short) 1), new NewTopic(DLQ, 1, (short) 1));
            return stack;
        } catch (RuntimeException | Error e) {
            stack.close();
            throw e;
        }
    }

    ConnectStack connect() {
        return connect;
    }

    TestBucket bucket() {
        return bucket;
    }

    HeldNotifications notifications() {
        return notifications;
    }

    /** A new queue that the bucket's notifications go to (through the held ones). */
    String queue(final String name) {
        final String url = sqs.createQueue(name, Duration.ofSeconds(5));
        notifications.sendTo(sqs.notifier(url));
        return url;
    }

    /** A client of {@code queue}; the caller closes it. */
    SqsClient sqsClient(final String queue) {
        return SqsClients.create(sqs.settings(queue, s3.settings()));
    }

    /** The S3 mail source in notifications mode on {@code queue}, reading {@code prefix}, listing every {@code safetyNet}. */
    Map<String, String> connectorConfig(final String queue, final String prefix, final Duration safetyNet) {
        final Map<String, String> config = connect.connectorConfig(S3MailSourceConnector.class.getName());
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

    /** Uploads a mail under {@code key}. */
    void put(final String key) {
        bucket.put(key, SesMail.message(key));
    }

    /** The keys on {@code topic} that start with {@code prefix}, as read so far. */
    static List<String> keys(final ReadCommittedConsumer consumer, final String topic, final String prefix) {
        return consumer.records(topic).stream()
                .map(ConsumerRecord::key)
                .filter(k -> k.startsWith(prefix))
                .toList();
    }

    /** Messages in {@code queue}, visible or not. */
    static int waitingMessages(final SqsClient client, final String queue) {
        final Map<QueueAttributeName, String> attributes = client.getQueueAttributes(b -> b.queueUrl(queue)
                        .attributeNames(
                                QueueAttributeName.APPROXIMATE_NUMBER_OF_MESSAGES,
                                QueueAttributeName.APPROXIMATE_NUMBER_OF_MESSAGES_NOT_VISIBLE))
                .attributes();
        return attributes.values().stream().mapToInt(Integer::parseInt).sum();
    }

    @Override
    public void close() {
        if (client != null) {
            client.close();
        }
        if (connect != null) {
            connect.close();
        }
        if (s3 != null) {
            s3.close();
        }
        if (sqs != null) {
            sqs.close();
        }
    }
}
