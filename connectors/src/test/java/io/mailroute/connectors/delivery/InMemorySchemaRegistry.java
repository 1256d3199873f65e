package io.mailroute.connectors.delivery;

import io.mailroute.schemas.registry.LocalSchemaRegistry;
import io.mailroute.schemas.registry.SchemaRegistryClients;
import io.mailroute.schemas.registry.server.SchemaRegistryServer;
import io.mailroute.schemas.serde.AvroSerdeConfig;
import io.mailroute.schemas.serde.AvroSerializer;
import java.util.Map;
import java.util.Optional;
import org.apache.avro.specific.SpecificRecord;
import org.junit.jupiter.api.extension.AfterAllCallback;
import org.junit.jupiter.api.extension.BeforeAllCallback;
import org.junit.jupiter.api.extension.ExtensionContext;

/**
 * A schema registry in memory, served on a local port for the tests of a class, with the serializer
 * that writes a sink's input values through it: {@code @RegisterExtension static final
 * InMemorySchemaRegistry REGISTRY = new InMemorySchemaRegistry();}.
 */
public final class InMemorySchemaRegistry implements BeforeAllCallback, AfterAllCallback {
    private SchemaRegistryServer server;
    private AvroSerializer<SpecificRecord> serializer;

    @Override
    public void beforeAll(final ExtensionContext context) throws Exception {
        server = SchemaRegistryServer.start(LocalSchemaRegistry.inMemory(), "127.0.0.1", 0, Optional.empty());
        final Map<String, Object> serde = Map.of(AvroSerdeConfig.SCHEMA_REGISTRY_URL_CONFIG, server.url());
        serializer = new AvroSerializer<>(SchemaRegistryClients.fromConfig(serde));
        serializer.configure(serde, false);
    }

    @Override
    public void afterAll(final ExtensionContext context) {
        if (serializer != null) {
            serializer.close();
        }
        if (server != null) {
            server.close();
        }
    }

    public String url() {
        return server.url();
    }

    /** {@code value} in the Confluent wire format, its schema registered under {@code topic}-value. */
    public byte[] serialize(final String topic, final SpecificRecord value) {
        return serializer.serialize(topic, value);
    }
}
