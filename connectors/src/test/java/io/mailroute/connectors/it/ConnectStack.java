package io.mailroute.connectors.it;

import io.mailroute.connectors.common.RegistryConfig;
import io.mailroute.embedded.ConnectRestClient;
import io.mailroute.embedded.EmbeddedConnect;
import io.mailroute.embedded.EmbeddedKafka;
import io.mailroute.schemas.registry.LocalSchemaRegistry;
import io.mailroute.schemas.registry.SchemaRegistryClients;
import io.mailroute.schemas.registry.server.SchemaRegistryServer;
import io.mailroute.schemas.serde.AvroDeserializer;
import io.mailroute.schemas.serde.AvroSerdeConfig;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Optional;
import org.apache.avro.specific.SpecificRecord;
import org.apache.kafka.clients.admin.NewTopic;

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
