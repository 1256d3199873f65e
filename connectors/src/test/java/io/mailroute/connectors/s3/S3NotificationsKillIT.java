package io.mailroute.connectors.s3;

import static io.mailroute.connectors.s3.NotificationsItStack.DLQ;
import static io.mailroute.connectors.s3.NotificationsItStack.RAW;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import io.mailroute.connectors.it.ChildConnectWorker;
import io.mailroute.connectors.it.ReadCommittedConsumer;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Random;
import java.util.stream.IntStream;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import software.amazon.awssdk.services.sqs.SqsClient;

/**
 * The S3 mail source in notifications mode in the real Connect runtime: the worker running it is
 * killed (SIGKILL, in a child JVM) while mail and its notifications keep arriving (distributed worker with
 * exactly-once source support): ElasticMQ holds the bucket's notifications, which the embedded S3
 * sends on every PUT unless the test holds them back to lose, repeat or reorder them.
 */
class S3NotificationsKillIT {
    private static final Duration TIMEOUT = Duration.ofSeconds(120);
    private static final Duration NEVER = Duration.ofHours(1);
    private static final String GROUP = "s3-notifications-kill-it";

    private static NotificationsItStack it;

    @BeforeAll
    static void startStack() {
        it = NotificationsItStack.start(GROUP, false);
    }

    @AfterAll
    static void stopStack() {
        if (it != null) {
            it.close();
        }
    }

    @Test
    void shouldIngestEveryNotifiedMailExactlyOnceAlthoughTheWorkerIsKilled() throws Exception {
        // given a connector on a worker in another JVM that only reads notifications (no listing in this test's time)
        final String queue = it.queue("killed-worker");
        final String prefix = "killed/";
        final Random random = new Random(20261206L);
        final List<String> keys = new ArrayList<>(new LinkedHashSet<>(IntStream.range(0, 600)
                .mapToObj(i -> SesMail.randomKey(random, prefix))
                .toList()));
        try (ReadCommittedConsumer consumer =
                        new ReadCommittedConsumer(it.connect().kafka().bootstrapServers(), RAW, DLQ);
                SqsClient receiver = it.sqsClient(queue);
                ChildConnectWorker child =
                        ChildConnectWorker.start(it.connect().kafka().bootstrapServers(), GROUP)) {
            child.rest().putConnectorConfig("killed", it.connectorConfig(queue, prefix, NEVER));
            child.rest().awaitRunning("killed", 1, TIMEOUT);

            // when mail keeps arriving, the worker is killed mid-flow, more arrives while none runs, and another takes
            // over
            final Thread uploads = new Thread(() -> keys.subList(0, 400).forEach(it::put), "uploads");
            uploads.start();
            await().atMost(TIMEOUT)
                    .until(() -> NotificationsItStack.keys(consumer.poll(), RAW, prefix)
                                    .size()
                            >= 150);
            child.kill();
            uploads.join();
            keys.subList(400, keys.size()).forEach(it::put);
            it.connect().connect().start();
            final String worker = it.connect().connect().restUrl().getHost() + ":"
                    + it.connect().connect().restPort();
            it.connect()
                    .rest()
                    .awaitStatus(
                            "killed",
                            s -> s.isRunning(1) && s.tasks().stream().allMatch(t -> worker.equals(t.workerId())),
                            "task on " + worker,
                            TIMEOUT);

            // then every mail is read exactly once (uncommitted ones through redelivered messages) and the queue drains
            await().atMost(TIMEOUT).untilAsserted(() -> {
                assertThat(consumer.caughtUp()).isTrue();
                assertThat(NotificationsItStack.keys(consumer, RAW, prefix)).hasSizeGreaterThanOrEqualTo(keys.size());
                assertThat(NotificationsItStack.waitingMessages(receiver, queue))
                        .isZero();
            });
            assertThat(NotificationsItStack.keys(consumer, RAW, prefix))
                    .as("every mail exactly once")
                    .containsExactlyInAnyOrderElementsOf(keys);
        } finally {
            it.connect().rest().deleteConnector("killed");
            it.connect().connect().stop();
        }
    }
}
