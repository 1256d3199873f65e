package io.mailroute.stack;

import io.mailroute.schemas.topics.MailTopic;
import io.mailroute.schemas.topics.TopicNames;
import java.time.Duration;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.function.Consumer;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.ListOffsetsOptions;
import org.apache.kafka.clients.admin.ListOffsetsResult;
import org.apache.kafka.clients.admin.OffsetSpec;
import org.apache.kafka.common.IsolationLevel;
import org.apache.kafka.common.KafkaException;
import org.apache.kafka.common.TopicPartition;

/**
 * How long after a process of a {@link LocalCluster} died the next mail was routed: the first time
 * the last stable offset of a lane (notify, ticket, order-import, quarantine), what a
 * {@code read_committed} subscriber can read, moves past where it stood at the death. Reported
 * through the cluster's progress lines, e.g. {@code broker-2 (pid 4711): next mail routed 5145 ms
 * after it died}. Partitions whose leader is gone are skipped until they have a new one.
 */
final class NextRoutedMail implements AutoCloseable {
    private static final List<MailTopic> LANES =
            List.of(MailTopic.NOTIFY, MailTopic.TICKET, MailTopic.ORDER_IMPORT, MailTopic.QUARANTINE);
    private static final Duration POLL_INTERVAL = Duration.ofMillis(100);
    private static final Duration GIVE_UP_AFTER = Duration.ofMinutes(10);
    private static final Duration CALL_TIMEOUT = Duration.ofSeconds(2);

    private final Admin admin;
    private final List<String> lanes;
    private final Consumer<String> progress;
    private final ExecutorService watches = Executors.newCachedThreadPool(runnable -> {
        final Thread thread = new Thread(runnable, "next-routed-mail");
        thread.setDaemon(true);
        return thread;
    });
    private List<TopicPartition> partitions;
    private volatile boolean closed;

    NextRoutedMail(final Map<String, Object> adminConfig, final TopicNames names, final Consumer<String> progress) {
        this.admin = Admin.create(adminConfig);
        this.lanes = LANES.stream().map(names::name).toList();
        this.progress = progress;
    }

    /** Starts measuring for {@code process}, which has just died; the result is a progress line. */
    void afterDeathOf(final String process) {
        final long diedAt = System.nanoTime();
        watches.execute(() -> watch(process, diedAt));
    }

    private void watch(final String process, final long diedAt) {
        final Map<TopicPartition, Long> before = stableEnds();
        final long deadline = diedAt + GIVE_UP_AFTER.toNanos();
        while (!closed && System.nanoTime() < deadline) {
            try {
                Thread.sleep(POLL_INTERVAL.toMillis());
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                return;
            }
            final Map<TopicPartition, Long> now = stableEnds();
            final boolean moved = now.entrySet().stream()
                    .anyMatch(end -> before.containsKey(end.getKey()) && end.getValue() > before.get(end.getKey()));
            if (moved) {
                progress.accept(process + ": next mail routed "
                        + TimeUnit.NANOSECONDS.toMillis(System.nanoTime() - diedAt) + " ms after it died");
                return;
            }
            now.forEach(before::putIfAbsent);
        }
        if (!closed) {
            progress.accept(process + ": no mail routed within " + GIVE_UP_AFTER.toMinutes() + " min of its death");
        }
    }

    /** The last stable offset of every lane partition that answers now. */
    private Map<TopicPartition, Long> stableEnds() {
        final Map<TopicPartition, Long> ends = new HashMap<>();
        try {
            final Map<TopicPartition, OffsetSpec> request = new HashMap<>();
            partitions().forEach(partition -> request.put(partition, OffsetSpec.latest()));
            final ListOffsetsResult result =
                    admin.listOffsets(request, new ListOffsetsOptions(IsolationLevel.READ_COMMITTED).timeoutMs((int)
                                    CALL_TIMEOUT.toMillis()));
            for (final TopicPartition partition : request.keySet()) {
                try {
                    ends.put(partition, result.partitionResult(partition).get().offset());
                } catch (ExecutionException e) {
                    // no leader yet: this partition is left out of this round
                }
            }
        } catch (ExecutionException | TimeoutException | KafkaException e) {
            // the cluster does not answer this round; the next one asks again
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
        return ends;
    }

    private synchronized List<TopicPartition> partitions()
            throws ExecutionException, InterruptedException, TimeoutException {
        if (partitions == null) {
            partitions =
                    admin
                            .describeTopics(lanes)
                            .allTopicNames()
                            .get(CALL_TIMEOUT.toMillis(), TimeUnit.MILLISECONDS)
                            .values()
                            .stream()
                            .flatMap(lane ->
                                    lane.partitions().stream().map(p -> new TopicPartition(lane.name(), p.partition())))
                            .toList();
        }
        return partitions;
    }

    @Override
    public void close() {
        closed = true;
        watches.shutdownNow();
        admin.close(Duration.ofSeconds(5));
    }
}
