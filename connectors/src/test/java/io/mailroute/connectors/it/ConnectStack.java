package io.mailroute.connectors.it;

import io.mailroute.avro.Delivery;
import io.mailroute.connectors.common.RegistryConfig;
import io.mailroute.embedded.ConnectRestClient;
import io.mailroute.embedded.EmbeddedConnect;
import io.mailroute.embedded.EmbeddedKafka;
import io.mailroute.schemas.registry.LocalSchemaRegistry;
import io.mailroute.schemas.registry.SchemaRegistryClients;
import io.mailroute.schemas.registry.server.SchemaRegistryServer;
import io.mailroute.schemas.serde.AvroDeserializer;
import io.mailroute.schemas.serde.AvroSerdeConfig;
import io.mailroute.schemas.serde.AvroSerializer;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.Future;
import java.util.function.Function;
import org.apache.avro.specific.SpecificRecord;
import org.apache.kafka.clients.admin.NewTopic;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.clients.producer.RecordMetadata;
import org.apache.kafka.common.config.TopicConfig;
import org.apache.kafka.common.serialization.ByteArraySerializer;
import org.apache.kafka.common.serialization.StringSerializer;

/**
 * The runtime the connectors run in, shared by the tests of one integration-test class: a KRaft
 * broker, the project's schema registry over real HTTP, and a distributed Connect worker with
 * exactly-once source support that finds the connectors on the class path.
 */
public final class ConnectStack implements AutoCloseable {
    private final EmbeddedKafka kafka;
    private final SchemaRegistryServer registry;
    private final EmbeddedConnect connect;

    private ConnectStack(
            final EmbeddedKafka kafka, final SchemaRegistryServer registry, final EmbeddedConnect connect) {
        this.kafka = kafka;
        this.registry = registry;
        this.connect = connect;
    }

    /** Starts broker, registry and worker (group {@code groupId}). */
    public static ConnectStack start(final String groupId) {
        final ConnectStack stack = startWithoutWorker(groupId);
        stack.connect.start();
        return stack;
    }

    /** Starts broker and registry; the worker of group {@code groupId} is started later through {@link #connect()}. */
    public static ConnectStack startWithoutWorker(final String groupId) {
        final EmbeddedKafka kafka = EmbeddedKafka.builder().start();
        final SchemaRegistryServer registry;
        try {
            registry = SchemaRegistryServer.start(LocalSchemaRegistry.inMemory(), "127.0.0.1", 0, Optional.empty());
        } catch (IOException e) {
            kafka.close();
            throw new UncheckedIOException("Schema registry did not start", e);
        }
        return new ConnectStack(
                kafka, registry, worker(kafka.bootstrapServers(), groupId).build());
    }

    /**
     * The worker settings of these tests, also used by {@link ChildConnectWorker}: exactly-once
     * source support, and a worker that vanished is noticed and its work reassigned within seconds.
     */
    static EmbeddedConnect.Builder worker(final String bootstrapServers, final String groupId) {
        return EmbeddedConnect.builder()
                .bootstrapServers(bootstrapServers)
                .groupId(groupId)
                .exactlyOnce(true)
                .workerProperty("session.timeout.ms", "6000")
                .workerProperty("heartbeat.interval.ms", "2000")
                .workerProperty("scheduled.rebalance.max.delay.ms", "1000");
    }

    public EmbeddedKafka kafka() {
        return kafka;
    }

    /** The worker, to start, stop and start it again. */
    public EmbeddedConnect connect() {
        return connect;
    }

    public ConnectRestClient rest() {
        return connect.rest();
    }

    public void createTopics(final NewTopic... topics) {
        kafka.createTopics(topics);
    }

    /**
     * The topics of one sink test: {@code <name>.<input>} with two partitions, and the compacted
     * {@code <name>.deliveries} the sink records its outcomes on.
     */
    public void createSinkTopics(final String name, final String input) {
        createTopics(
                new NewTopic(name + "." + input, 2, (short) 1),
                new NewTopic(name + ".deliveries", 2, (short) 1)
                        .configs(Map.of(TopicConfig.CLEANUP_POLICY_CONFIG, TopicConfig.CLEANUP_POLICY_COMPACT)));
    }

    public String registryUrl() {
        return registry.url();
    }

    /**
     * Writes {@code values} to {@code topic} in order as the topology does (Avro, writer schema in
     * the registry), each keyed by {@code key}; returns where each landed.
     */
    public <T extends SpecificRecord> List<RecordMetadata> produce(
            final String topic, final List<T> values, final Function<T, String> key) {
        final Map<String, Object> serde = Map.of(AvroSerdeConfig.SCHEMA_REGISTRY_URL_CONFIG, registry.url());
        try (KafkaProducer<String, byte[]> producer =
                        new KafkaProducer<>(kafka.clientConfig(), new StringSerializer(), new ByteArraySerializer());
                AvroSerializer<SpecificRecord> serializer =
                        new AvroSerializer<>(SchemaRegistryClients.fromConfig(serde))) {
            serializer.configure(serde, false);
            final List<Future<RecordMetadata>> sent = new ArrayList<>();
            for (final T value : values) {
                sent.add(producer.send(
                        new ProducerRecord<>(topic, key.apply(value), serializer.serialize(topic, value))));
            }
            final List<RecordMetadata> written = new ArrayList<>();
            for (final Future<RecordMetadata> each : sent) {
                written.add(each.get());
            }
            return written;
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("Interrupted writing to " + topic, e);
        } catch (ExecutionException e) {
            throw new IllegalStateException("Writing to " + topic + " failed", e.getCause());
        }
    }

    /** The latest outcome per key committed to the deliveries topic {@code topic}, read to its end. */
    public Map<String, Delivery> deliveries(final String topic) {
        try (ReadCommittedConsumer consumer = new ReadCommittedConsumer(kafka.bootstrapServers(), topic);
                AvroDeserializer<Delivery> deserializer = deserializer(Delivery.class)) {
            while (!consumer.caughtUp()) {
                // read to the end
            }
            final Map<String, Delivery> latest = new HashMap<>();
            consumer.records(topic).forEach(r -> latest.put(r.key(), deserializer.deserialize(topic, r.value())));
            return latest;
        }
    }

    /**
     * The settings of sink {@code name} of {@code connectorClass} reading {@code topic} in these
     * tests: two tasks, five records a poll, errant records to {@code <name>.dlq}, and a consumer
     * that leaves its group within seconds when its worker vanishes (as the worker settings); the
     * sink's own settings are added by the test.
     */
    public Map<String, String> sinkConnectorConfig(final String connectorClass, final String name, final String topic) {
        final Map<String, String> config = new HashMap<>(connectorConfig(connectorClass));
        config.remove("exactly.once.support");
        config.put("tasks.max", "2");
        config.put("topics", topic);
        config.put("errors.tolerance", "all");
        config.put("errors.deadletterqueue.topic.name", name + ".dlq");
        config.put("errors.deadletterqueue.topic.replication.factor", "1");
        config.put("errors.deadletterqueue.context.headers.enable", "true");
        config.put("consumer.override.max.poll.records", "5");
        config.put("consumer.override.session.timeout.ms", "6000");
        config.put("consumer.override.heartbeat.interval.ms", "2000");
        return config;
    }

    /** The settings every connector of the project needs here: converters, registry, exactly once. */
    public Map<String, String> connectorConfig(final String connectorClass) {
        final Map<String, String> config = new LinkedHashMap<>();
        config.put("connector.class", connectorClass);
        config.put("key.converter", EmbeddedConnect.DEFAULT_KEY_CONVERTER);
        config.put("value.converter", RegistryConfig.REQUIRED_VALUE_CONVERTER);
        config.put(RegistryConfig.URL_CONFIG, registry.url());
        config.put("exactly.once.support", "required");
        return config;
    }

    /** A deserializer of the connectors' values that asks the registry over HTTP for the writer schemas. */
    public <T extends SpecificRecord> AvroDeserializer<T> deserializer(final Class<T> type) {
        return new AvroDeserializer<>(
                SchemaRegistryClients.fromConfig(Map.of(AvroSerdeConfig.SCHEMA_REGISTRY_URL_CONFIG, registry.url())),
                type);
    }

    /** Stops worker, registry and broker, in that order. */
    @Override
    public void close() {
        try {
            connect.close();
        } finally {
            try {
                registry.close();
            } finally {
                kafka.close();
            }
        }
    }
}
