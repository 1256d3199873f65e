package io.mailroute.runtime.client;

import io.mailroute.schemas.topics.Topic;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.function.Predicate;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.common.PartitionInfo;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.errors.SerializationException;
import org.apache.kafka.common.errors.TimeoutException;

/**
 * Reads a topic from the beginning up to the end offsets seen when reading starts (committed
 * records only), without a consumer group: what operations commands use to look, never to consume.
 */
public final class TopicReader {
    private static final Duration POLL = Duration.ofMillis(500);

    private final Map<String, Object> consumerProps;

    public TopicReader(final ClientSettings settings) {
        this.consumerProps = settings.consumer();
    }

    /** One record with its coordinates; {@code value} is null for tombstones and records that fail to decode. */
    public record Entry<V>(String key, V value, int partition, long offset, long timestamp, String error) {}

    /** Every record of {@code topic} whose key passes {@code keyFilter}. */
    public <V> List<Entry<V>> readAll(
            final Topic<String, V> topic, final Predicate<String> keyFilter, final Duration timeout) {
        final List<Entry<V>> entries = new ArrayList<>();
        try (KafkaConsumer<byte[], byte[]> consumer = new KafkaConsumer<>(consumerProps)) {
            final List<PartitionInfo> partitions = consumer.partitionsFor(topic.name(), timeout);
            if (partitions == null || partitions.isEmpty()) {
                throw new IllegalStateException(
                        "topic " + topic.name() + " does not exist (run: mailroute topics apply)");
            }
            final List<TopicPartition> assignment = partitions.stream()
                    .map(p -> new TopicPartition(p.topic(), p.partition()))
                    .toList();
            consumer.assign(assignment);
            consumer.seekToBeginning(assignment);
            final Map<TopicPartition, Long> end = consumer.endOffsets(assignment, timeout);
            final long deadline = System.nanoTime() + timeout.toNanos();
            while (!reachedEnd(consumer, end)) {
                if (System.nanoTime() > deadline) {
                    throw new TimeoutException("reading " + topic.name() + " took longer than " + timeout);
                }
                for (final ConsumerRecord<byte[], byte[]> record : consumer.poll(POLL)) {
                    final String key = record.key() == null ? null : new String(record.key(), StandardCharsets.UTF_8);
                    if (keyFilter.test(key)) {
                        entries.add(decode(topic, key, record));
                    }
                }
            }
        }
        return entries;
    }

    /**
     * What a compacted topic holds after {@code entries}: the latest value per key, in the order keys
     * were last written. A tombstone (or an undecodable record) ends its key; records without a key
     * are skipped.
     */
    public static <V> Map<String, V> latestValues(final List<Entry<V>> entries) {
        final Map<String, V> latest = new LinkedHashMap<>();
        for (final Entry<V> entry : entries) {
            if (entry.key() == null) {
                continue;
            }
            latest.remove(entry.key());
            if (entry.value() != null) {
                latest.put(entry.key(), entry.value());
            }
        }
        return latest;
    }

    private static <V> Entry<V> decode(
            final Topic<String, V> topic, final String key, final ConsumerRecord<byte[], byte[]> record) {
        try {
            final V value = topic.valueSerde().deserializer().deserialize(topic.name(), record.value());
            return new Entry<>(key, value, record.partition(), record.offset(), record.timestamp(), null);
        } catch (SerializationException e) {
            return new Entry<>(key, null, record.partition(), record.offset(), record.timestamp(), e.getMessage());
        }
    }

    private static boolean reachedEnd(
            final KafkaConsumer<byte[], byte[]> consumer, final Map<TopicPartition, Long> end) {
        return end.entrySet().stream().allMatch(e -> consumer.position(e.getKey()) >= e.getValue());
    }
}
