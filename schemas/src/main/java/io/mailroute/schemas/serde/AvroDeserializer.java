package io.mailroute.schemas.serde;

import io.mailroute.schemas.registry.SchemaRegistryClient;
import io.mailroute.schemas.registry.SchemaRegistryClients;
import io.mailroute.schemas.registry.SchemaRegistryException;
import java.io.IOException;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import org.apache.avro.AvroRuntimeException;
import org.apache.avro.Schema;
import org.apache.avro.generic.GenericData;
import org.apache.avro.generic.GenericDatumReader;
import org.apache.avro.generic.IndexedRecord;
import org.apache.avro.io.BinaryDecoder;
import org.apache.avro.io.DatumReader;
import org.apache.avro.io.DecoderFactory;
import org.apache.avro.specific.SpecificData;
import org.apache.avro.specific.SpecificDatumReader;
import org.apache.kafka.common.errors.SerializationException;
import org.apache.kafka.common.serialization.Deserializer;

/**
 * Reads Confluent-wire-format Avro. With a target class (or {@code specific.avro.reader=true}) it
 * returns generated classes, resolving the writer schema against the reader schema so that old
 * and new versions of a record read alike; otherwise {@link org.apache.avro.generic.GenericRecord}s.
 * Any malformed payload (wrong magic byte, unknown id, truncated or trailing bytes) raises a
 * {@link SerializationException} that names the topic and schema id. Thread-safe.
 */
public class AvroDeserializer<T extends IndexedRecord> implements Deserializer<T> {
    private final Map<Integer, DatumReader<T>> readers = new ConcurrentHashMap<>();
    private final Class<T> targetType;
    private SchemaRegistryClient client;
    private boolean specific;

    /** For Kafka's reflective construction: generic unless {@code specific.avro.reader=true}. */
    public AvroDeserializer() {
        this(null, null);
    }

    /**
     * A deserializer bound to {@code client}.
     *
     * @param targetType generated class to read into, or null for generic records
     */
    public AvroDeserializer(final SchemaRegistryClient client, final Class<T> targetType) {
        this.client = client;
        this.targetType = targetType;
        this.specific = targetType != null;
        TrustedAvroClasses.install();
    }

    @Override
    public void configure(final Map<String, ?> configs, final boolean isKey) {
        final AvroSerdeConfig config = new AvroSerdeConfig(configs);
        if (client == null) {
            client = SchemaRegistryClients.fromConfig(configs);
        }
        specific = targetType != null || config.specificReader();
    }

    @Override
    public T deserialize(final String topic, final byte[] payload) {
        if (payload == null) {
            return null;
        }
        if (client == null) {
            throw new SerializationException("AvroDeserializer used before configure(): no schema registry");
        }
        final int id = WireFormat.schemaId(topic, payload);
        final DatumReader<T> reader = readers.computeIfAbsent(id, this::newReader);
        final BinaryDecoder decoder = DecoderFactory.get()
                .binaryDecoder(payload, WireFormat.HEADER_SIZE, payload.length - WireFormat.HEADER_SIZE, null);
        final T value;
        try {
            value = reader.read(null, decoder);
            if (!decoder.isEnd()) {
                throw new SerializationException("Record on " + topic + " with schema id " + id
                        + " has trailing bytes after the Avro value: corrupt payload");
            }
        } catch (IOException e) {
            throw new SerializationException(
                    "Record on " + topic + " with schema id " + id + " is truncated or corrupt (" + e + ")", e);
        } catch (AvroRuntimeException
                | IndexOutOfBoundsException
                | NegativeArraySizeException
                | ClassCastException
                | IllegalArgumentException
                | UnsupportedOperationException
                | OutOfMemoryError e) {
            throw new SerializationException(
                    "Record on " + topic + " with schema id " + id + " cannot be decoded: " + e, e);
        }
        return value;
    }

    private DatumReader<T> newReader(final int id) {
        final Schema writer;
        try {
            writer = client.schemaById(id);
        } catch (SchemaRegistryException e) {
            throw new SerializationException("Unknown schema id " + id + ": " + e.getMessage(), e);
        }
        if (!specific) {
            return new GenericDatumReader<>(writer, writer, GenericData.get());
        }
        final SpecificData model =
                targetType != null ? SpecificData.getForClass(targetType) : SpecificData.getForSchema(writer);
        final Schema reader = targetType != null ? model.getSchema(targetType) : readerSchemaFor(model, writer, id);
        return new SpecificDatumReader<>(writer, reader, SpecificModels.withCustomCoders(model));
    }

    private static Schema readerSchemaFor(final SpecificData model, final Schema writer, final int id) {
        final Class<?> generated = model.getClass(writer);
        if (generated == null) {
            throw new SerializationException("No generated class for " + writer.getFullName() + " (schema id " + id
                    + ") on the classpath; use a generic reader");
        }
        return model.getSchema(generated);
    }
}
