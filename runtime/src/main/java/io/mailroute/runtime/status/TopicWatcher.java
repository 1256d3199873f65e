package io.mailroute.runtime.status;

import java.time.Duration;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.common.PartitionInfo;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.errors.RetriableException;
import org.apache.kafka.common.errors.WakeupException;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * A background reader of some topics, from the beginning, committed records only (the consumer's
 * settings), without a consumer group: hands every record to {@link #handle}. Topics that do not
 * exist yet, and partitions added later, are picked up on a periodic check. It never commits offsets.
 */
abstract class TopicWatcher implements AutoCloseable {
    private static final Logger LOG = LoggerFactory.getLogger(TopicWatcher.class);
    private static final Duration POLL = Duration.ofMillis(500);
    private static final Duration METADATA_TIMEOUT = Duration.ofSeconds(5);
    private static final long RECHECK_MISSING_MS = 5_000;
    private static final long RECHECK_PARTITIONS_MS = 60_000;

    private final String name;
    private final KafkaConsumer<byte[], byte[]> consumer;
    private final List<String> topicNames;
    private final Thread thread;
    private final CountDownLatch closing = new CountDownLatch(1);
    private volatile boolean running = true;
    private volatile Exception failure;

    /**
     * @param name       what it watches, for the log and its thread, e.g. {@code lane watcher}
     * @param topicNames the topics it reads
     */
    TopicWatcher(final String name, final KafkaConsumer<byte[], byte[]> consumer, final List<String> topicNames) {
        this.name = name;
        this.consumer = consumer;
        this.topicNames = List.copyOf(topicNames);
        this.thread = new Thread(this::run, "mailroute-" + name.replace(' ', '-'));
        this.thread.setDaemon(true);
    }

    /** Takes one record of a watched topic, on the watcher's thread. */
    abstract void handle(ConsumerRecord<byte[], byte[]> record);

    TopicWatcher start() {
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
                        // no watched topic yet: wait for the next check, or for close()
                        closing.await(RECHECK_MISSING_MS, TimeUnit.MILLISECONDS);
                        continue;
                    }
                    for (final ConsumerRecord<byte[], byte[]> record : consumer.poll(POLL)) {
                        handle(record);
                    }
                } catch (RetriableException e) {
                    // the broker is away (restarting, unreachable): keep what was read and try again
                    LOG.warn("The {} cannot reach the cluster, retrying: {}", name, e.getMessage());
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
            LOG.error("The {} stopped; what it shows is no longer updated", name, e);
        } finally {
            consumer.close();
        }
    }

    /** Adds partitions of watched topics not assigned yet; true when every watched topic exists. */
    private boolean assign(final Set<TopicPartition> assigned) {
        boolean complete = true;
        final List<TopicPartition> added = new ArrayList<>();
        for (final String topic : topicNames) {
            final List<PartitionInfo> partitions = consumer.partitionsFor(topic, METADATA_TIMEOUT);
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
            LOG.info("The {} reads {} more partitions", name, added.size());
        }
        return complete;
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
