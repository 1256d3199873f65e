package io.mailroute.embedded;

import static org.awaitility.Awaitility.await;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Properties;
import java.util.function.Consumer;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.serialization.StringDeserializer;
import org.apache.kafka.common.serialization.StringSerializer;

/** Small producer/consumer helpers for the integration tests. */
final class KafkaRecords {
    private KafkaRecords() {}

    /** Sends {@code records} (key to value) in one transaction and commits or aborts it. */
    static void sendInTransaction(
            final String bootstrap,
            final String transactionalId,
            final String topic,
            final Map<String, String> records,
            final boolean commit) {
        final Properties props = new Properties();
        props.put(ProducerConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrap);
        props.put(ProducerConfig.TRANSACTIONAL_ID_CONFIG, transactionalId);
        props.put(ProducerConfig.ENABLE_IDEMPOTENCE_CONFIG, "true");
        props.put(ProducerConfig.ACKS_CONFIG, "all");
        try (KafkaProducer<String, String> producer =
                new KafkaProducer<>(props, new StringSerializer(), new StringSerializer())) {
            producer.initTransactions();
            producer.beginTransaction();
            records.forEach((key, value) -> producer.send(new ProducerRecord<>(topic, key, value)));
            if (commit) {
                producer.commitTransaction();
            } else {
                producer.abortTransaction();
            }
        }
    }

    /**
     * Reads {@code topic} with {@code read_committed} in consumer group {@code groupId} until
     * {@code expected} records arrived, commits the offsets and returns the records.
     */
    static List<ConsumerRecord<String, String>> readCommitted(
            final String bootstrap, final String groupId, final String topic, final int expected) {
        final List<ConsumerRecord<String, String>> records = new ArrayList<>();
        withConsumer(bootstrap, groupId, consumer -> {
            consumer.subscribe(List.of(topic));
            await().atMost(Duration.ofSeconds(30)).until(() -> {
                consumer.poll(Duration.ofMillis(200)).forEach(records::add);
                return records.size() >= expected;
            });
            consumer.commitSync();
        });
        return records;
    }

    /**
     * Reads every committed record of {@code topic} from the beginning up to the last stable
     * offset of each partition, without a consumer group.
     */
    static List<ConsumerRecord<String, String>> readAll(final String bootstrap, final String topic) {
        final List<ConsumerRecord<String, String>> records = new ArrayList<>();
        withConsumer(bootstrap, null, consumer -> {
            final List<TopicPartition> partitions = consumer.partitionsFor(topic).stream()
                    .map(info -> new TopicPartition(topic, info.partition()))
                    .toList();
            consumer.assign(partitions);
            consumer.seekToBeginning(partitions);
            final Map<TopicPartition, Long> end = consumer.endOffsets(partitions);
            await().atMost(Duration.ofSeconds(30)).until(() -> {
                consumer.poll(Duration.ofMillis(100)).forEach(records::add);
                return partitions.stream().allMatch(tp -> consumer.position(tp) >= end.get(tp));
            });
        });
        return records;
    }

    static void withConsumer(
            final String bootstrap, final String groupId, final Consumer<KafkaConsumer<String, String>> body) {
        final Properties props = new Properties();
        props.put(ConsumerConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrap);
        if (groupId != null) {
            props.put(ConsumerConfig.GROUP_ID_CONFIG, groupId);
        }
        props.put(ConsumerConfig.ISOLATION_LEVEL_CONFIG, "read_committed");
        props.put(ConsumerConfig.AUTO_OFFSET_RESET_CONFIG, "earliest");
        props.put(ConsumerConfig.ENABLE_AUTO_COMMIT_CONFIG, "false");
        try (KafkaConsumer<String, String> consumer =
                new KafkaConsumer<>(props, new StringDeserializer(), new StringDeserializer())) {
            body.accept(consumer);
        }
    }
}
