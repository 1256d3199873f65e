package io.mailroute.schemas.serde;

import io.mailroute.schemas.registry.SchemaRegistryClient;
import io.mailroute.schemas.registry.SchemaRegistryClients;
import io.mailroute.schemas.registry.SchemaRegistryException;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.nio.ByteBuffer;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import org.apache.avro.AvroRuntimeException;
import org.apache.avro.Schema;
import org.apache.avro.generic.GenericData;
import org.apache.avro.generic.GenericDatumWriter;
import org.apache.avro.generic.IndexedRecord;
import org.apache.avro.io.BinaryEncoder;
import org.apache.avro.io.DatumWriter;
import org.apache.avro.io.EncoderFactory;
import org.apache.avro.specific.SpecificData;
import org.apache.avro.specific.SpecificDatumWriter;
import org.apache.avro.specific.SpecificRecord;
import org.apache.kafka.common.errors.SerializationException;
import org.apache.kafka.common.serialization.Serializer;

/**
 * Writes Avro records (generated {@link SpecificRecord}s or {@link org.apache.avro.generic.GenericRecord}s)
 * in the Confluent wire format, registering or looking up the writer schema in the registry.
 * {@code null} stays {@code null} (tombstones). Thread-safe.
 */
public class AvroSerializer<T extends IndexedRecord> implements Serializer<T> {
    private final Map<Schema, Writer> writers = new ConcurrentHashMap<>();
    private SchemaRegistryClient client;
    private boolean autoRegister = true;
    private SubjectNameStrategy subjectNames = SubjectNameStrategy.TOPIC_NAME;
    private boolean isKey;

    /** For Kafka's reflective construction; {@link #configure} must follow. */
    public AvroSerializer() {}

    /** A serializer bound to {@code client}; {@link #configure} may still set the other options. */
    public AvroSerializer(final SchemaRegistryClient client) {
        this.client = client;
    }

    private record Writer(Schema schema, DatumWriter<Object> datumWriter, Map<String, Integer> idsBySubject) {}

    @Override
    public void configure(final Map<String, ?> configs, final boolean isKey) {
        final AvroSerdeConfig config = new AvroSerdeConfig(configs);
        if (client == null) {
            client = SchemaRegistryClients.fromConfig(configs);
        }
        this.autoRegister = config.autoRegister();
        this.subjectNames = config.subjectNameStrategy(isKey);
        this.isKey = isKey;
    }

    @Override
    public byte[] serialize(final String topic, final T record) {
        if (record == null) {
            return null;
        }
        if (client == null) {
            throw new SerializationException("AvroSerializer used before configure(): no schema registry");
        }
        final Writer writer = writers.computeIfAbsent(record.getSchema(), s -> newWriter(record));
        final String subject = subjectNames.subject(topic, isKey, writer.schema());
        final int id = writer.idsBySubject().computeIfAbsent(subject, s -> schemaId(s, writer.schema()));
        final ByteArrayOutputStream out = new ByteArrayOutputStream(256);
        final ByteBuffer header = ByteBuffer.allocate(WireFormat.HEADER_SIZE);
        WireFormat.writeHeader(header, id);
        out.write(header.array(), 0, WireFormat.HEADER_SIZE);
        try {
            // buffered: a direct encoder makes one synchronized stream write per field
            final BinaryEncoder encoder = EncoderFactory.get().binaryEncoder(out, null);
            writer.datumWriter().write(record, encoder);
            encoder.flush();
        } catch (IOException | AvroRuntimeException | ClassCastException | NullPointerException e) {
            throw new SerializationException("Cannot serialize " + writer.schema().getFullName() + " for topic " + topic
                    + ": " + e.getMessage(), e);
        }
        return out.toByteArray();
    }

    private int schemaId(final String subject, final Schema schema) {
        try {
            return autoRegister ? client.register(subject, schema) : client.lookup(subject, schema).id();
        } catch (SchemaRegistryException e) {
            throw new SerializationException("Cannot " + (autoRegister ? "register" : "look up") + " schema "
                    + schema.getFullName() + " under subject " + subject + ": " + e.getMessage(), e);
        }
    }

    @SuppressWarnings("unchecked")
    private static Writer newWriter(final IndexedRecord record) {
        final Schema schema = record.getSchema();
        final DatumWriter<?> datumWriter = record instanceof SpecificRecord
                ? new SpecificDatumWriter<>(schema, SpecificModels.withCustomCoders(SpecificData.getForClass(record.getClass())))
                : new GenericDatumWriter<>(schema, GenericData.get());
        return new Writer(schema, (DatumWriter<Object>) datumWriter, new ConcurrentHashMap<>());
    }

    @Override
    public void close() {
        // the registry client may be shared with other serdes; its owner closes it
    }
}
