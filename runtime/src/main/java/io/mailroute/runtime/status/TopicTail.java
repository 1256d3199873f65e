package io.mailroute.runtime.status;

import io.mailroute.schemas.topics.Topic;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.common.PartitionInfo;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.errors.SerializationException;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The latest records of a topic: the last {@code n} committed records of every partition, read
 * with one long-lived consumer (no group, nothing committed) that calls take turns on.
 */
final class TopicTail implements AutoCloseable {
    private static final Logger LOG = LoggerFactory.getLogger(TopicTail.class);
    private static final Duration POLL = Duration.ofMillis(200);

    private final KafkaConsumer<byte[], byte[]> consumer;
    private final Duration timeout;

    /** One record; {@code value} is null for a tombstone. */
    record Entry<V>(String key, V value, int partition, long offset, long timestamp) {}

    TopicTail(final KafkaConsumer<byte[], byte[]> consumer, final Duration timeout) {
        this.consumer = consumer;
        this.timeout = timeout;
    }

    /**
     * The latest record of each key among the last {@code n} records of each partition, newest first,
     * at most {@code n}; keys whose latest record is a tombstone are left out. Records that do not
     * decode are skipped (and logged).
     */
    <V> List<Entry<V>> latestPerKey(final Topic<String, V> topic, final int n) {
        final Map<String, Entry<V>> latest = new LinkedHashMap<>();
        for (final Entry<V> entry : tail(topic, n)) {
            latest.remove(entry.key());
            latest.put(entry.key(), entry);
        }
        final List<Entry<V>> live = new ArrayList<>(
                latest.values().stream().filter(e -> e.value() != null).toList());
        live.sort(Comparator.comparingLong((Entry<V> e) -> e.timestamp())
                .thenComparingLong(Entry::offset)
                .reversed());
        return live.size() > n ? List.copyOf(live.subList(0, n)) : List.copyOf(live);
    }

    /** The last {@code n} records of each partition, oldest first (by timestamp, then offset). */
    synchronized <V> List<Entry<V>> tail(final Topic<String, V> topic, final int n) {
        final List<PartitionInfo> infos = consumer.partitionsFor(topic.name(), timeout);
        if (infos == null || infos.isEmpty()) {
            throw new ApiException(503, "topic " + topic.name() + " does not exist (run: mailroute topics apply)");
        }
        final List<TopicPartition> partitions = infos.stream()
                .map(p -> new TopicPartition(p.topic(), p.partition()))
                .toList();
        consumer.assign(partitions);
        try {
            final Map<TopicPartition, Long> begin = consumer.beginningOffsets(partitions, timeout);
            final Map<TopicPartition, Long> end = consumer.endOffsets(partitions, timeout);
            final Map<TopicPartition, Long> remaining = new HashMap<>();
            for (final TopicPartition partition : partitions) {
                final long from = Math.max(begin.get(partition), end.get(partition) - n);
                consumer.seek(partition, from);
                if (end.get(partition) > from) {
                    remaining.put(partition, end.get(partition));
                }
            }
            final List<Entry<V>> entries = new ArrayList<>();
            final long deadline = System.nanoTime() + timeout.toNanos();
            while (!remaining.isEmpty()) {
                if (System.nanoTime() > deadline) {
                    throw new ApiException(504, "reading " + topic.name() + " took longer than " + timeout);
                }
                for (final ConsumerRecord<byte[], byte[]> record : consumer.poll(POLL)) {
                    final TopicPartition partition = new TopicPartition(record.topic(), record.partition());
                    final Long stop = remaining.get(partition);
                    if (stop == null || record.offset() >= stop) {
                        continue;
                    }
                    decode(topic, record, entries);
                }
                remaining.entrySet().removeIf(e -> consumer.position(e.getKey()) >= e.getValue());
            }
            entries.sort(Comparator.comparingLong((Entry<V> e) -> e.timestamp()).thenComparingLong(Entry::offset));
            return entries;
        } finally {
            consumer.unsubscribe();
        }
    }

    private static <V> void decode(
            final Topic<String, V> topic, final ConsumerRecord<byte[], byte[]> record, final List<Entry<V>> entries) {
        final String key = record.key() == null ? null : new String(record.key(), StandardCharsets.UTF_8);
        try {
            final V value = record.value() == null
                    ? null
                    : topic.valueSerde().deserializer().deserialize(topic.name(), record.value());
            entries.add(new Entry<>(key, value, record.partition(), record.offset(), record.timestamp()));
        } catch (SerializationException e) {
            LOG.warn(
                    "Skipping undecodable record {}-{}@{}: {}",
                    topic.name(),
                    record.partition(),
                    record.offset(),
                    e.getMessage());
        }
    }

    @Override
    public synchronized void close() {
        consumer.close();
    }
}
