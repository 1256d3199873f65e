package io.mailroute.connectors.s3;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.apache.kafka.common.metrics.Metrics;
import org.apache.kafka.common.metrics.internals.PluginMetricsImpl;
import org.apache.kafka.common.utils.Time;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import software.amazon.awssdk.services.sqs.SqsClient;
import software.amazon.awssdk.services.sqs.model.DeleteMessageBatchRequest;
import software.amazon.awssdk.services.sqs.model.DeleteMessageBatchRequestEntry;
import software.amazon.awssdk.services.sqs.model.DeleteMessageBatchResponse;
import software.amazon.awssdk.services.sqs.model.Message;
import software.amazon.awssdk.services.sqs.model.ReceiveMessageRequest;
import software.amazon.awssdk.services.sqs.model.ReceiveMessageResponse;

/** Which messages are deleted when: at once when they name nothing to read, else once every object they name is done. */
class ObjectNotificationsTest {
    private static final String QUEUE = "http://127.0.0.1:9324/000000000000/mails";

    private final Metrics metrics = new Metrics();
    private final FakeQueue queue = new FakeQueue();
    private final ObjectNotifications notifications = new ObjectNotifications(
            queue,
            QUEUE,
            new S3MailSourceConfig(S3MailSourceConfig.setter(new HashMap<>())
                    .bucket("mails")
                    .prefix("incoming/")
                    .keyRegex("incoming/[a-z ]+")
                    .registryUrl("http://127.0.0.1:8081")
                    .props()),
            new S3MailMetrics(
                    new PluginMetricsImpl(metrics, Map.of("connector", "test")),
                    "test:",
                    Time.SYSTEM,
                    Optional::empty,
                    () -> 0));

    @AfterEach
    void closeMetrics() {
        metrics.close();
    }

    @Test
    void shouldDeleteAtOnceWhatNamesNothingToRead() {
        queue.offer("other bucket", created("other", "incoming/a"));
        queue.offer("other prefix", created("mails", "processed/a"));
        queue.offer("regex", created("mails", "incoming/A1"));
        queue.offer("folder", created("mails", "incoming/"));
        queue.offer("test", "{\"Event\":\"s3:TestEvent\"}");
        queue.offer("garbage", "not json");

        assertThat(notifications.receive()).isEmpty();
        assertThat(queue.deleted)
                .containsExactlyInAnyOrder("other bucket", "other prefix", "regex", "folder", "test", "garbage");
    }

    @Test
    void shouldHoldAMessageUntilEveryObjectItNamesIsDone() {
        queue.offer(
                "two",
                "{\"Records\":[" + record("mails", "incoming/a+mail") + "," + record("mails", "incoming/b") + "]}");
        queue.offer("again", created("mails", "incoming/b"));

        assertThat(notifications.receive()).containsExactly("incoming/a mail", "incoming/b");
        notifications.release("incoming/b");
        assertThat(queue.deleted).containsExactly("again");

        notifications.release("incoming/a mail");
        assertThat(queue.deleted).containsExactly("again", "two");
        assertThat(notifications.holds("incoming/a mail")).isFalse();
    }

    @Test
    void shouldLeaveAnAbandonedMessageInTheQueue() {
        queue.offer(
                "two", "{\"Records\":[" + record("mails", "incoming/a") + "," + record("mails", "incoming/b") + "]}");
        notifications.receive();

        notifications.abandon("incoming/a");
        notifications.release("incoming/b");

        assertThat(queue.deleted).isEmpty();
        assertThat(notifications.holds("incoming/a")).isFalse();
    }

    private static String created(final String bucket, final String key) {
        return "{\"Records\":[" + record(bucket, key) + "]}";
    }

    private static String record(final String bucket, final String key) {
        return "{\"eventSource\":\"aws:s3\",\"eventName\":\"ObjectCreated:Put\",\"s3\":{\"bucket\":{\"name\":\""
                + bucket + "\"},\"object\":{\"key\":\"" + key + "\",\"size\":1}}}";
    }

    /** A queue whose receipt handles are the test's names for its messages. */
    private static final class FakeQueue implements SqsClient {
        private final List<Message> waiting = new ArrayList<>();
        final List<String> deleted = new ArrayList<>();

        void offer(final String handle, final String body) {
            waiting.add(Message.builder()
                    .messageId(handle)
                    .receiptHandle(handle)
                    .body(body)
                    .build());
        }

        @Override
        public ReceiveMessageResponse receiveMessage(final ReceiveMessageRequest request) {
            final List<Message> batch =
                    List.copyOf(waiting.subList(0, Math.min(request.maxNumberOfMessages(), waiting.size())));
            waiting.removeAll(batch);
            return ReceiveMessageResponse.builder().messages(batch).build();
        }

        @Override
        public DeleteMessageBatchResponse deleteMessageBatch(final DeleteMessageBatchRequest request) {
            request.entries().stream()
                    .map(DeleteMessageBatchRequestEntry::receiptHandle)
                    .forEach(deleted::add);
            return DeleteMessageBatchResponse.builder().build();
        }

        @Override
        public String serviceName() {
            return "sqs";
        }

        @Override
        public void close() {}
    }
}
