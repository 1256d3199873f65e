package io.mailroute.cli.reliability;

import io.mailroute.runtime.client.ClientSettings;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Collection;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import java.util.concurrent.ExecutionException;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.ListTopicsOptions;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.common.PartitionInfo;
import org.apache.kafka.common.TopicPartition;

/** Searches the raw bytes of every record of every topic, internal ones included. */
final class TopicScan {
    private static final Duration POLL = Duration.ofMillis(500);
    private static final Duration TIMEOUT = Duration.ofMinutes(2);

    private TopicScan() {}

    /** Names of the topics with a record whose key, value or a header contains {@code needle}. */
    static Collection<String> topicsContaining(final ClientSettings client, final byte[] needle) {
        final Set<String> found = new TreeSet<>();
        final Map<String, Object> props = client.consumer();
        props.put(ConsumerConfig.ISOLATION_LEVEL_CONFIG, "read_uncommitted");
        try (Admin admin = Admin.create(client.admin());
                KafkaConsumer<byte[], byte[]> consumer = new KafkaConsumer<>(props)) {
            final Set<String> topics = admin.listTopics(new ListTopicsOptions().listInternal(true))
                    .names()
                    .get();
            for (final String topic : topics) {
                if (contains(consumer, topic, needle)) {
                    found.add(topic);
                }
            }
        } catch (ExecutionException e) {
            throw new IllegalStateException("cannot list topics", e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
        return found;
    }

    private static boolean contains(
            final KafkaConsumer<byte[], byte[]> consumer, final String topic, final byte[] needle) {
        final List<TopicPartition> partitions = new ArrayList<>();
        for (final PartitionInfo info : consumer.partitionsFor(topic, TIMEOUT)) {
            partitions.add(new TopicPartition(topic, info.partition()));
        }
        consumer.assign(partitions);
        consumer.seekToBeginning(partitions);
        final Map<TopicPartition, Long> end = consumer.endOffsets(partitions, TIMEOUT);
        final long deadline = System.nanoTime() + TIMEOUT.toNanos();
        while (end.entrySet().stream().anyMatch(e -> consumer.position(e.getKey()) < e.getValue())) {
            if (System.nanoTime() > deadline) {
                throw new IllegalStateException("reading " + topic + " took longer than " + TIMEOUT);
            }
            for (final ConsumerRecord<byte[], byte[]> record : consumer.poll(POLL)) {
                if (holds(record.key(), needle)
                        || holds(record.value(), needle)
                        || Arrays.stream(record.headers().toArray()).anyMatch(h -> holds(h.value(), needle))) {
                    return true;
                }
            }
        }
        return false;
    }

    private static boolean holds(final byte[] haystack, final byte[] needle) {
        if (haystack == null || haystack.length < needle.length) {
            return false;
        }
        outer:
        for (int i = 0; i <= haystack.length - needle.length; i++) {
            for (int j = 0; j < needle.length; j++) {
                if (haystack[i + j] != needle[j]) {
                    continue outer;
                }
            }
            return true;
        }
        return false;
    }
}
