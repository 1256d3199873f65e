package io.mailroute.stack;

import io.mailroute.avro.Rule;
import io.mailroute.runtime.client.ClientSettings;
import io.mailroute.schemas.registry.SchemaRegistryClient;
import io.mailroute.schemas.topics.Topic;
import io.mailroute.topology.rules.DefaultRulePack;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.Future;
import java.util.stream.Collectors;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.clients.producer.RecordMetadata;
import org.apache.kafka.common.TopicPartition;

/**
 * Publishes the default rule pack to an empty {@code mail.rules}, keyed by rule id. A topic that
 * holds rules is left alone: they were published before, or by {@code mailroute rules apply}.
 */
final class DefaultRulesPublisher {
    private static final Duration TIMEOUT = Duration.ofSeconds(30);

    private final ClientSettings client;

    DefaultRulesPublisher(final ClientSettings client) {
        this.client = client;
    }

    /** Returns how many rules were published (0 when the topic held rules already). */
    int publishIfEmpty() throws ExecutionException, InterruptedException {
        try (SchemaRegistryClient registry = client.registry()) {
            final Topic<String, Rule> topic = client.topics(registry).rules();
            if (!isEmpty(topic.name())) {
                return 0;
            }
            final List<Rule> rules = DefaultRulePack.load().rules();
            try (KafkaProducer<byte[], byte[]> producer = new KafkaProducer<>(client.producer())) {
                final List<Future<RecordMetadata>> sends = rules.stream()
                        .map(rule -> producer.send(new ProducerRecord<>(
                                topic.name(),
                                rule.getRuleId().getBytes(StandardCharsets.UTF_8),
                                topic.valueSerde().serializer().serialize(topic.name(), rule))))
                        .toList();
                for (final Future<RecordMetadata> send : sends) {
                    send.get();
                }
            }
            return rules.size();
        }
    }

    private boolean isEmpty(final String topic) {
        try (KafkaConsumer<byte[], byte[]> consumer = new KafkaConsumer<>(client.consumer())) {
            final List<TopicPartition> partitions = consumer.partitionsFor(topic, TIMEOUT).stream()
                    .map(p -> new TopicPartition(topic, p.partition()))
                    .toList();
            final Map<TopicPartition, Long> begin = consumer.beginningOffsets(partitions, TIMEOUT);
            final Map<TopicPartition, Long> end = consumer.endOffsets(partitions, TIMEOUT);
            return partitions.stream().collect(Collectors.summingLong(p -> end.get(p) - begin.get(p))) == 0;
        }
    }
}
