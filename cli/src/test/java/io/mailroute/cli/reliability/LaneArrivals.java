package io.mailroute.cli.reliability;

import io.mailroute.avro.ClassifiedMail;
import io.mailroute.avro.DeadLetter;
import io.mailroute.avro.Lane;
import io.mailroute.avro.RetryMail;
import io.mailroute.runtime.client.ClientSettings;
import io.mailroute.schemas.registry.SchemaRegistryClient;
import io.mailroute.schemas.topics.MailTopics;
import io.mailroute.schemas.topics.Topic;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Collection;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.function.Function;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.common.PartitionInfo;
import org.apache.kafka.common.TopicPartition;

/**
 * Notes when each mail first shows up on a lane (notify, ticket, order-import, quarantine), as a
 * subscriber reading committed records sees it: the end of the S3-put→lane latency; and which mails
 * have reached any outcome (a lane, the retry topic or the DLQ).
 */
final class LaneArrivals implements AutoCloseable {
    private final Map<String, Long> firstSeen = new ConcurrentHashMap<>();
    private final Map<String, Function<byte[], String>> mailIdOf = new HashMap<>();
    private final Set<String> lanes = new HashSet<>();
    private final Set<String> settled = ConcurrentHashMap.newKeySet();
    private final SchemaRegistryClient registry;
    private final KafkaConsumer<byte[], byte[]> consumer;
    private final Thread thread;
    private volatile boolean stopped;

    /** Starts watching from the lanes' current ends. */
    LaneArrivals(final ClientSettings client) {
        registry = client.registry();
        final MailTopics topics = client.topics(registry);
        consumer = new KafkaConsumer<>(client.consumer());
        final List<TopicPartition> partitions = new ArrayList<>();
        for (final Lane lane : List.of(Lane.NOTIFY, Lane.TICKET, Lane.ORDER_IMPORT, Lane.QUARANTINE)) {
            partitions.addAll(follow(topics.lane(lane), ClassifiedMail::getMailId, true));
        }
        partitions.addAll(follow(topics.retry(), RetryMail::getMailId, false));
        partitions.addAll(follow(topics.dlq(), DeadLetter::getMailId, false));
        consumer.assign(partitions);
        consumer.seekToEnd(partitions);
        partitions.forEach(consumer::position);
        thread = new Thread(this::watch, "lane-arrivals");
        thread.setDaemon(true);
        thread.start();
    }

    private <V> List<TopicPartition> follow(
            final Topic<String, V> topic, final Function<V, String> mailId, final boolean lane) {
        mailIdOf.put(
                topic.name(),
                value -> mailId.apply(topic.valueSerde().deserializer().deserialize(topic.name(), value)));
        if (lane) {
            lanes.add(topic.name());
        }
        final List<TopicPartition> partitions = new ArrayList<>();
        for (final PartitionInfo info : consumer.partitionsFor(topic.name(), Duration.ofSeconds(30))) {
            partitions.add(new TopicPartition(info.topic(), info.partition()));
        }
        return partitions;
    }

    /** Milliseconds since the epoch when {@code mailId} was first seen on a lane, or null. */
    Long firstSeen(final String mailId) {
        return firstSeen.get(mailId);
    }

    /** The mails seen on a lane so far. */
    Set<String> seen() {
        return Set.copyOf(firstSeen.keySet());
    }

    /** Whether each of {@code mailIds} has reached a lane, the retry topic or the DLQ. */
    boolean settledAll(final Collection<String> mailIds) {
        return settled.containsAll(mailIds);
    }

    boolean sawAll(final Collection<String> mailIds) {
        return firstSeen.keySet().containsAll(mailIds);
    }

    private void watch() {
        try {
            while (!stopped) {
                for (final ConsumerRecord<byte[], byte[]> record : consumer.poll(Duration.ofMillis(50))) {
                    if (record.value() != null) {
                        final String mailId = mailIdOf.get(record.topic()).apply(record.value());
                        settled.add(mailId);
                        if (lanes.contains(record.topic())) {
                            firstSeen.putIfAbsent(mailId, System.currentTimeMillis());
                        }
                    }
                }
            }
        } finally {
            consumer.close();
        }
    }

    @Override
    public void close() {
        stopped = true;
        try {
            thread.join(Duration.ofSeconds(10).toMillis());
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
        registry.close();
    }
}
