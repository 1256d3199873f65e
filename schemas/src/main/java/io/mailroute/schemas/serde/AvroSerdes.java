package io.mailroute.schemas.serde;

import io.mailroute.schemas.registry.SchemaRegistryClient;
import java.util.Map;
import org.apache.avro.generic.GenericRecord;
import org.apache.avro.specific.SpecificRecord;
import org.apache.kafka.common.serialization.Serde;
import org.apache.kafka.common.serialization.Serdes;

/** Factory for Confluent-wire-format Avro serdes. */
public final class AvroSerdes {
    private AvroSerdes() {}

    /** A value serde for generated class {@code type}, configured from serde properties. */
    public static <T extends SpecificRecord> Serde<T> specific(
            final Class<T> type, final SchemaRegistryClient client, final Map<String, ?> config) {
        final Serde<T> serde = Serdes.serdeFrom(new AvroSerializer<>(client), new AvroDeserializer<>(client, type));
        serde.configure(config, false);
        return serde;
    }

    /** A value serde for generic records, configured from serde properties. */
    public static Serde<GenericRecord> generic(final SchemaRegistryClient client, final Map<String, ?> config) {
        final Serde<GenericRecord> serde =
                Serdes.serdeFrom(new AvroSerializer<>(client), new AvroDeserializer<>(client, null));
        serde.configure(config, false);
        return serde;
    }
}
