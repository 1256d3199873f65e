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
    /** By class for generated records, by schema for generic ones: the two need different datum writers. */
    private final Map<Object, Writer> writers = new ConcurrentHashMap<>();

    private final ThreadLocal<Output> outputs = ThreadLocal.withInitial(Output::new);
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

    private record Writer(Schema schema, DatumWriter<Object> datumWriter, Map<String, Integer> idsByTopic) {}

    /**
     * A thread's buffer and encoder, reused from record to record: only the returned copy is
     * allocated. A buffer that grew for a large record is not kept.
     */
    private static final class Output extends ByteArrayOutputStream {
        private static final int INITIAL_BYTES = 4_096;
        private static final int MAX_KEPT_BYTES = 1 << 20;
        private BinaryEncoder encoder;

        Output() {
            super(INITIAL_BYTES);
        }

        /** The encoder for a new record; bytes a failed record left in it are dropped. */
        BinaryEncoder start() {
            encoder = EncoderFactory.get().binaryEncoder(this, encoder);
            if (buf.length > MAX_KEPT_BYTES) {
                buf = new byte[INITIAL_BYTES];
            }
            reset();
            return encoder;
        }
    }

    @Override
    public void configure(final Map<String, ?> configs, final boolean isKey) {
        final AvroSerdeConfig config = new AvroSerdeConfig(configs);
        if (client == null) {
            client = SchemaRegistryClients.fromConfig(configs);
        }
        this.autoRegister = config.autoRegister();
        this.subjectNames = config.subjectNameStrategy(isKey);
        this.isKey = isKey;
        writers.clear();
    }

    @Override
    public byte[] serialize(final String topic, final T record) {
        if (record == null) {
            return null;
        }
        if (client == null) {
            throw new SerializationException("AvroSerializer used before configure(): no schema registry");
        }
        final Writer writer = writers.computeIfAbsent(
                record instanceof SpecificRecord ? record.getClass() : record.getSchema(), k -> newWriter(record));
        final int id = writer.idsByTopic()
                .computeIfAbsent(
                        topic, t -> schemaId(subjectNames.subject(t, isKey, writer.schema()), writer.schema()));
        final Output out = outputs.get();
        // buffered: a direct encoder makes one synchronized stream write per field
        final BinaryEncoder encoder = out.start();
        final ByteBuffer header = ByteBuffer.wrap(new byte[WireFormat.HEADER_SIZE]);
        WireFormat.writeHeader(header, id);
        out.write(header.array(), 0, WireFormat.HEADER_SIZE);
        try {
            writer.datumWriter().write(record, encoder);
            encoder.flush();
        } catch (IOException | AvroRuntimeException | ClassCastException | NullPointerException e) {
            throw new SerializationException(
                    "Cannot serialize " + writer.schema().getFullName() + " for topic " + topic + ": " + e.getMessage(),
                    e);
        }
        return out.toByteArray();
    }

    private int schemaId(final String subject, final Schema schema) {
        try {
            return autoRegister
                    ? client.register(subject, schema)
                    : client.lookup(subject, schema).id();
        } catch (SchemaRegistryException e) {
            throw new SerializationException(
                    "Cannot " + (autoRegister ? "register" : "look up") + " schema " + schema.getFullName()
                            + " under subject " + subject + ": " + e.getMessage(),
                    e);
        }
    }

    @SuppressWarnings("unchecked")
    private static Writer newWriter(final IndexedRecord record) {
        final Schema schema = record.getSchema();
        final DatumWriter<?> datumWriter = record instanceof SpecificRecord
                ? new SpecificDatumWriter<>(
                        schema, SpecificModels.withCustomCoders(SpecificData.getForClass(record.getClass())))
                : new GenericDatumWriter<>(schema, GenericData.get());
        return new Writer(schema, (DatumWriter<Object>) datumWriter, new ConcurrentHashMap<>());
    }

    @Override
    public void close() {
        // the registry client may be shared with other serdes; its owner closes it
    }
}
