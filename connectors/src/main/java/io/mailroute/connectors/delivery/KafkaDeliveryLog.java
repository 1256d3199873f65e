package io.mailroute.connectors.delivery;

import io.mailroute.avro.Delivery;
import io.mailroute.avro.DeliveryOutcome;
import io.mailroute.connectors.common.AvroValueEncoder;
import io.mailroute.connectors.common.RegistryConfig;
import io.mailroute.schemas.serde.AvroDeserializer;
import java.time.Duration;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ExecutionException;
import java.util.stream.Collectors;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.serialization.ByteArrayDeserializer;
import org.apache.kafka.common.serialization.ByteArraySerializer;
import org.apache.kafka.common.serialization.StringDeserializer;
import org.apache.kafka.common.serialization.StringSerializer;
import org.apache.kafka.connect.errors.ConnectException;
import org.apache.kafka.connect.errors.RetriableException;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * {@link DeliveryLog} on the compacted {@code mail.deliveries}: read from the beginning to its end
 * at task start into the set of delivered keys (every task reads every partition, since any task
 * may get any input partition after a rebalance), then kept up to date by what this task writes.
 * Outcomes are written with an idempotent producer, values as Confluent-wire-format Avro.
 */
public final class KafkaDeliveryLog implements DeliveryLog {
    private static final Logger log = LoggerFactory.getLogger(KafkaDeliveryLog.class);
    private static final Duration READ_TIMEOUT = Duration.ofMinutes(2);

    private final String topic;
    private final AvroValueEncoder encoder;
    private final KafkaProducer<String, byte[]> producer;
    private final Set<String> delivered = ConcurrentHashMap.newKeySet();

    /**
     * Reads {@code topic} to its end and opens the producer.
     *
     * @param topic the deliveries topic
     * @param client client settings of the producer and consumer (bootstrap servers, security)
     * @param connectorProps the connector's properties (schema registry settings)
     * @param clientId prefix of the client ids
     */
    public KafkaDeliveryLog(
            final String topic,
            final Map<String, Object> client,
            final Map<String, String> connectorProps,
            final String clientId) {
        this.topic = topic;
        load(client, connectorProps, clientId);
        final Map<String, Object> producerConfig = new HashMap<>(client);
        producerConfig.put(ProducerConfig.CLIENT_ID_CONFIG, clientId + "-producer");
        producerConfig.put(ProducerConfig.ACKS_CONFIG, "all");
        producerConfig.put(ProducerConfig.ENABLE_IDEMPOTENCE_CONFIG, true);
        producerConfig.put(ProducerConfig.LINGER_MS_CONFIG, 5);
        this.producer = new KafkaProducer<>(producerConfig, new StringSerializer(), new ByteArraySerializer());
        this.encoder = new AvroValueEncoder(connectorProps);
    }

    /** Opens the log of a {@code sink} task, with client ids {@code mailroute-<sink>-<connector name>}. */
    public static DeliveryLog.Factory factory(final String sink) {
        return (config, props) -> new KafkaDeliveryLog(
                config.topic(),
                config.clientConfig(),
                props,
                "mailroute-" + sink + "-" + props.getOrDefault("name", "sink"));
    }

    private void load(
            final Map<String, Object> client, final Map<String, String> connectorProps, final String clientId) {
        final Map<String, Object> consumerConfig = new HashMap<>(client);
        consumerConfig.put(ConsumerConfig.CLIENT_ID_CONFIG, clientId + "-reader");
        consumerConfig.put(ConsumerConfig.ENABLE_AUTO_COMMIT_CONFIG, false);
        consumerConfig.put(ConsumerConfig.ISOLATION_LEVEL_CONFIG, "read_committed");
        consumerConfig.remove(ConsumerConfig.GROUP_ID_CONFIG);
        final long start = System.nanoTime();
        int records = 0;
        try (KafkaConsumer<String, byte[]> consumer =
                        new KafkaConsumer<>(consumerConfig, new StringDeserializer(), new ByteArrayDeserializer());
                AvroDeserializer<Delivery> deserializer = new AvroDeserializer<>(null, Delivery.class)) {
            deserializer.configure(RegistryConfig.serdeProperties(connectorProps), false);
            final List<TopicPartition> partitions = consumer.partitionsFor(topic, READ_TIMEOUT).stream()
                    .map(p -> new TopicPartition(p.topic(), p.partition()))
                    .collect(Collectors.toList());
            if (partitions.isEmpty()) {
                throw new ConnectException("Topic " + topic + " does not exist: create it (compacted) first");
            }
            consumer.assign(partitions);
            consumer.seekToBeginning(partitions);
            final Map<TopicPartition, Long> end = new HashMap<>(consumer.endOffsets(partitions, READ_TIMEOUT));
            end.entrySet().removeIf(e -> consumer.position(e.getKey(), READ_TIMEOUT) >= e.getValue());
            final long deadline = System.nanoTime() + READ_TIMEOUT.toNanos();
            while (!end.isEmpty()) {
                if (System.nanoTime() > deadline) {
                    throw new RetriableException("Reading " + topic + " took longer than " + READ_TIMEOUT);
                }
                for (final ConsumerRecord<String, byte[]> record : consumer.poll(Duration.ofMillis(500))) {
                    records++;
                    apply(
                            record.key(),
                            record.value() == null ? null : deserializer.deserialize(topic, record.value()));
                }
                end.entrySet().removeIf(e -> consumer.position(e.getKey(), READ_TIMEOUT) >= e.getValue());
            }
        }
        log.info(
                "Read {} outcomes from {} in {} ms: {} delivered so far",
                records,
                topic,
                (System.nanoTime() - start) / 1_000_000,
                delivered.size());
    }

    private void apply(final String key, final Delivery delivery) {
        if (key == null) {
            return;
        }
        if (delivery != null && delivery.getOutcome() == DeliveryOutcome.DELIVERED) {
            delivered.add(key);
        } else {
            delivered.remove(key);
        }
    }

    @Override
    public boolean delivered(final String key) {
        return delivered.contains(key);
    }

    @Override
    public void record(final String key, final Delivery delivery, final boolean durable) {
        apply(key, delivery);
        final var sent = producer.send(new ProducerRecord<>(topic, key, encoder.encode(topic, delivery)));
        if (durable) {
            try {
                sent.get();
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                throw new ConnectException("Interrupted while recording the delivery of " + key, e);
            } catch (ExecutionException e) {
                throw new ConnectException("Cannot record the delivery of " + key + " on " + topic, e.getCause());
            }
        }
    }

    @Override
    public void flush() {
        producer.flush();
    }

    @Override
    public void close() {
        try {
            producer.close(Duration.ofSeconds(30));
        } finally {
            encoder.close();
        }
    }
}
