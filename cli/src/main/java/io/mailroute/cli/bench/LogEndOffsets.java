package io.mailroute.cli.bench;

import java.util.Collection;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ExecutionException;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.ListTopicsOptions;
import org.apache.kafka.clients.admin.OffsetSpec;
import org.apache.kafka.clients.admin.TopicDescription;
import org.apache.kafka.common.TopicPartition;

/**
 * The log end offset of every partition of every topic on the broker, Kafka's internal ones
 * ({@code __consumer_offsets}, {@code __transaction_state}) included: the difference of two is how
 * many records were appended in between, transaction markers included (each takes an offset).
 */
final class LogEndOffsets {
    private final Map<TopicPartition, Long> offsets;

    private LogEndOffsets(final Map<TopicPartition, Long> offsets) {
        this.offsets = Map.copyOf(offsets);
    }

    static LogEndOffsets read(final Map<String, Object> kafka) {
        return read(
                kafka,
                admin -> admin.listTopics(new ListTopicsOptions().listInternal(true))
                        .names()
                        .get(),
                "every topic");
    }

    /** The log end offset of every partition of {@code topic}. */
    static LogEndOffsets of(final Map<String, Object> kafka, final String topic) {
        return read(kafka, admin -> List.of(topic), topic);
    }

    private static LogEndOffsets read(
            final Map<String, Object> kafka, final TopicSelection selection, final String selected) {
        try (Admin admin = Admin.create(kafka)) {
            final Map<TopicPartition, OffsetSpec> latest = new HashMap<>();
            for (final TopicDescription topic : admin.describeTopics(selection.names(admin))
                    .allTopicNames()
                    .get()
                    .values()) {
                topic.partitions()
                        .forEach(p -> latest.put(new TopicPartition(topic.name(), p.partition()), OffsetSpec.latest()));
            }
            final Map<TopicPartition, Long> offsets = new HashMap<>();
            admin.listOffsets(latest).all().get().forEach((partition, info) -> offsets.put(partition, info.offset()));
            return new LogEndOffsets(offsets);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("interrupted", e);
        } catch (ExecutionException e) {
            throw new IllegalStateException(
                    "cannot read the log end offsets of " + selected + ": "
                            + e.getCause().getMessage(),
                    e.getCause());
        }
    }

    /** Each partition's log end offset. */
    Map<TopicPartition, Long> offsets() {
        return offsets;
    }

    /** Records appended to all partitions since {@code before} (partitions created since count from 0). */
    long appendedSince(final LogEndOffsets before) {
        long appended = 0;
        for (final Map.Entry<TopicPartition, Long> entry : offsets.entrySet()) {
            appended += entry.getValue() - before.offsets.getOrDefault(entry.getKey(), 0L);
        }
        return appended;
    }

    @FunctionalInterface
    private interface TopicSelection {
        Collection<String> names(Admin admin) throws ExecutionException, InterruptedException;
    }
}
