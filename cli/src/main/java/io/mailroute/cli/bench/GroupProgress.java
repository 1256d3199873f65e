package io.mailroute.cli.bench;

import java.time.Duration;
import java.util.Map;
import java.util.concurrent.ExecutionException;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.consumer.OffsetAndMetadata;
import org.apache.kafka.common.TopicPartition;

/** A topic's end offsets, and waiting for a consumer group to have committed up to them. */
final class GroupProgress {
    private static final Duration POLL = Duration.ofMillis(200);

    private final Map<String, Object> kafka;

    GroupProgress(final Map<String, Object> kafka) {
        this.kafka = Map.copyOf(kafka);
    }

    /** The end offset of each partition of {@code topic}. */
    Map<TopicPartition, Long> endOffsets(final String topic) {
        return LogEndOffsets.of(kafka, topic).offsets();
    }

    /**
     * Returns once {@code group} has committed offsets at or beyond {@code targets} on every partition;
     * fails when its commits have not moved for {@code stall}.
     */
    void awaitCommitted(final String group, final Map<TopicPartition, Long> targets, final Duration stall) {
        try (Admin admin = Admin.create(kafka)) {
            long behind = Long.MAX_VALUE;
            long lastProgress = System.nanoTime();
            while (true) {
                final Map<TopicPartition, OffsetAndMetadata> committed = admin.listConsumerGroupOffsets(group)
                        .partitionsToOffsetAndMetadata()
                        .get();
                final long now = behind(committed, targets);
                if (now == 0) {
                    return;
                }
                if (now < behind) {
                    behind = now;
                    lastProgress = System.nanoTime();
                } else if (System.nanoTime() - lastProgress > stall.toNanos()) {
                    throw new IllegalStateException("consumer group " + group + " is still " + now
                            + " records behind the end of " + targets.keySet() + " after " + stall.toSeconds()
                            + " s without progress: are its instances running?");
                }
                Thread.sleep(POLL.toMillis());
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("interrupted", e);
        } catch (ExecutionException e) {
            throw new IllegalStateException(
                    "cannot read the offsets of consumer group " + group + ": "
                            + e.getCause().getMessage(),
                    e.getCause());
        }
    }

    /** Records between what {@code committed} holds and {@code targets}, summed over the partitions. */
    static long behind(
            final Map<TopicPartition, OffsetAndMetadata> committed, final Map<TopicPartition, Long> targets) {
        long behind = 0;
        for (final Map.Entry<TopicPartition, Long> target : targets.entrySet()) {
            final OffsetAndMetadata offset = committed.get(target.getKey());
            behind += Math.max(0, target.getValue() - (offset == null ? 0 : offset.offset()));
        }
        return behind;
    }
}
