package io.mailroute.connectors.it;

import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.serialization.ByteArrayDeserializer;
import org.apache.kafka.common.serialization.StringDeserializer;

/**
 * Reads topics from the beginning with {@code isolation.level=read_committed}, as the topology
 * does: records of open or aborted transactions are never seen. Not thread-safe; call
 * {@link #poll} inside an await.
 */
public final class ReadCommittedConsumer implements AutoCloseable {
    private static final Duration TIMEOUT = Duration.ofSeconds(30);

    private final KafkaConsumer<String, byte[]> consumer;
    private final List<TopicPartition> partitions = new ArrayList<>();
    private final Map<String, List<ConsumerRecord<String, byte[]>>> records = new HashMap<>();

    public ReadCommittedConsumer(final String bootstrapServers, final String... topics) {
        final Map<String, Object> config = new HashMap<>();
        config.put(ConsumerConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrapServers);
        config.put(ConsumerConfig.ISOLATION_LEVEL_CONFIG, "read_committed");
        config.put(ConsumerConfig.ENABLE_AUTO_COMMIT_CONFIG, false);
        consumer = new KafkaConsumer<>(config, new StringDeserializer(), new ByteArrayDeserializer());
        for (final String topic : topics) {
            records.put(topic, new ArrayList<>());
            consumer.partitionsFor(topic, TIMEOUT)
                    .forEach(p -> partitions.add(new TopicPartition(p.topic(), p.partition())));
        }
        consumer.assign(partitions);
        consumer.seekToBeginning(partitions);
    }

    /** Fetches what was committed since the last call; returns this for chaining in conditions. */
    public ReadCommittedConsumer poll() {
        consumer.poll(Duration.ofMillis(200))
                .forEach(r -> records.get(r.topic()).add(r));
        return this;
    }

    /**
     * Whether every record committed so far was read: the position of each partition has reached
     * its last stable offset (what {@code endOffsets} answers under read_committed).
     */
    public boolean caughtUp() {
        poll();
        final Map<TopicPartition, Long> ends = consumer.endOffsets(partitions, TIMEOUT);
        return partitions.stream().allMatch(p -> consumer.position(p, TIMEOUT) >= ends.get(p));
    }

    /** Every committed record of {@code topic} read so far, in partition order. */
    public List<ConsumerRecord<String, byte[]>> records(final String topic) {
        return List.copyOf(records.get(topic));
    }

    /** The keys read so far from {@code topic}, duplicates included. */
    public List<String> keys(final String topic) {
        return records.get(topic).stream().map(ConsumerRecord::key).toList();
    }

    @Override
    public void close() {
        consumer.close();
    }
}
