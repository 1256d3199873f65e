package io.mailroute.runtime.status;

import io.mailroute.avro.ClassifiedMail;
import io.mailroute.avro.Lane;
import io.mailroute.schemas.topics.Topic;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.common.PartitionInfo;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.errors.RetriableException;
import org.apache.kafka.common.errors.SerializationException;
import org.apache.kafka.common.errors.WakeupException;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * A background reader of the lane topics, from the beginning, committed records only, without a
 * consumer group: feeds {@link LaneCounts}. Lane topics that do not exist yet, and partitions
 * added later, are picked up on a periodic check. It never changes the topology or commits offsets.
 */
final class LaneWatcher implements AutoCloseable {
    private static final Logger LOG = LoggerFactory.getLogger(LaneWatcher.class);
    private static final Duration POLL = Duration.ofMillis(500);
    private static final Duration METADATA_TIMEOUT = Duration.ofSeconds(5);
    private static final long RECHECK_MISSING_MS = 5_000;
    private static final long RECHECK_PARTITIONS_MS = 60_000;

    private final KafkaConsumer<byte[], byte[]> consumer;
    private final Map<Lane, Topic<String, ClassifiedMail>> topics;
    private final Map<String, Lane> lanesByTopic = new HashMap<>();
    private final LaneCounts counts;
    private final Thread thread;
    private final CountDownLatch closing = new CountDownLatch(1);
    private volatile boolean running = true;
    private volatile Exception failure;

    LaneWatcher(
            final KafkaConsumer<byte[], byte[]> consumer,
            final Map<Lane, Topic<String, ClassifiedMail>> topics,
            final LaneCounts counts) {
        this.consumer = consumer;
        this.topics = Map.copyOf(topics);
        topics.forEach((lane, topic) -> lanesByTopic.put(topic.name(), lane));
        this.counts = counts;
        this.thread = new Thread(this::run, "mailroute-lane-watcher");
        this.thread.setDaemon(true);
    }

    LaneWatcher start() {
        thread.start();
        return this;
    }

    /** RUNNING, or FAILED with the reason when the watcher stopped on an error. */
    String state() {
        final Exception stopped = failure;
        return stopped == null ? "RUNNING" : "FAILED: " + stopped.getMessage();
    }

    private void run() {
        try {
            final Set<TopicPartition> assigned = new HashSet<>();
            long nextCheck = 0;
            while (running) {
                try {
                    if (System.currentTimeMillis() >= nextCheck) {
                        final boolean complete = assign(assigned);
                        nextCheck =
                                System.currentTimeMillis() + (complete ? RECHECK_PARTITIONS_MS : RECHECK_MISSING_MS);
                    }
                    if (assigned.isEmpty()) {
                        // no lane topic yet: wait for the next check, or for close()
                        closing.await(RECHECK_MISSING_MS, TimeUnit.MILLISECONDS);
                        continue;
                    }
                    for (final ConsumerRecord<byte[], byte[]> record : consumer.poll(POLL)) {
                        count(record);
                    }
                } catch (RetriableException e) {
                    // the broker is away (restarting, unreachable): keep what was counted and try again
                    LOG.warn("Lane watcher cannot reach the cluster, retrying: {}", e.getMessage());
                    closing.await(RECHECK_MISSING_MS, TimeUnit.MILLISECONDS);
                }
            }
        } catch (WakeupException e) {
            if (running) {
                failure = e;
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        } catch (RuntimeException e) {
            failure = e;
            LOG.error("The lane watcher stopped; lane counts are no longer updated", e);
        } finally {
            consumer.close();
        }
    }

    /** Adds partitions of lane topics not assigned yet; true when every lane topic exists. */
    private boolean assign(final Set<TopicPartition> assigned) {
        boolean complete = true;
        final List<TopicPartition> added = new ArrayList<>();
        for (final Topic<String, ClassifiedMail> topic : topics.values()) {
            final List<PartitionInfo> partitions = consumer.partitionsFor(topic.name(), METADATA_TIMEOUT);
            if (partitions == null || partitions.isEmpty()) {
                complete = false;
                continue;
            }
            for (final PartitionInfo info : partitions) {
                final TopicPartition partition = new TopicPartition(info.topic(), info.partition());
                if (assigned.add(partition)) {
                    added.add(partition);
                }
            }
        }
        if (!added.isEmpty()) {
            consumer.assign(List.copyOf(assigned));
            consumer.seekToBeginning(added);
            LOG.info("Lane watcher reads {} more partitions", added.size());
        }
        return complete;
    }

    private void count(final ConsumerRecord<byte[], byte[]> record) {
        final Lane lane = lanesByTopic.get(record.topic());
        if (lane == null || record.value() == null) {
            return;
        }
        final Topic<String, ClassifiedMail> topic = topics.get(lane);
        try {
            counts.add(
                    lane,
                    topic.valueSerde().deserializer().deserialize(topic.name(), record.value()),
                    record.timestamp());
        } catch (SerializationException e) {
            counts.addUndecodable();
            LOG.warn(
                    "Undecodable lane record {}-{}@{}: {}",
                    record.topic(),
                    record.partition(),
                    record.offset(),
                    e.getMessage());
        }
    }

    @Override
    public void close() {
        running = false;
        closing.countDown();
        if (thread.getState() == Thread.State.NEW) {
            consumer.close();
            return;
        }
        consumer.wakeup();
        try {
            thread.join(Duration.ofSeconds(10).toMillis());
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }
}
