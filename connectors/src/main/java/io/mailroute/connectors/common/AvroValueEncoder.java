package io.mailroute.connectors.common;

import io.mailroute.schemas.registry.SchemaRegistryClient;
import io.mailroute.schemas.registry.SchemaRegistryClients;
import io.mailroute.schemas.serde.AvroSerializer;
import java.util.Map;
import org.apache.avro.specific.SpecificRecord;

/** Encodes connector record values as Confluent-wire-format Avro, registering schemas as needed. */
public final class AvroValueEncoder implements AutoCloseable {
    private final SchemaRegistryClient registry;
    private final AvroSerializer<SpecificRecord> serializer;

    public AvroValueEncoder(final Map<String, String> connectorConfig) {
        final Map<String, Object> serde = RegistryConfig.serdeProperties(connectorConfig);
        this.registry = SchemaRegistryClients.fromConfig(serde);
        this.serializer = new AvroSerializer<>(registry);
        serializer.configure(serde, false);
    }

    /** The record's bytes for {@code topic}; null stays null (tombstone). */
    public byte[] encode(final String topic, final SpecificRecord value) {
        return serializer.serialize(topic, value);
    }

    @Override
    public void close() {
        registry.close();
    }
}
