package io.mailroute.connectors.delivery;

import io.mailroute.connectors.common.RegistryConfig;
import io.mailroute.schemas.serde.AvroDeserializer;
import java.util.Map;
import org.apache.avro.generic.IndexedRecord;
import org.apache.kafka.common.errors.SerializationException;
import org.apache.kafka.connect.errors.DataException;
import org.apache.kafka.connect.sink.SinkRecord;

/** Reads a sink record's value, Confluent-wire-format Avro passed through by ByteArrayConverter, as a {@code T}. */
public final class AvroRecordDecoder<T extends IndexedRecord> implements AutoCloseable {
    private final String type;
    private final AvroDeserializer<T> deserializer;

    /** A decoder with the schema registry settings of {@code connectorProps}. */
    public AvroRecordDecoder(final Class<T> type, final Map<String, String> connectorProps) {
        this.type = type.getSimpleName();
        this.deserializer = new AvroDeserializer<>(null, type);
        deserializer.configure(RegistryConfig.serdeProperties(connectorProps), false);
    }

    /**
     * The record's value, or null for a tombstone.
     *
     * @throws DataException the value is not the Avro bytes of a {@code T}, naming the record's topic-partition@offset
     */
    public T decode(final SinkRecord record) {
        if (record.value() == null) {
            return null;
        }
        if (!(record.value() instanceof byte[] bytes)) {
            throw new DataException("Expected the Avro bytes of a " + type + " (value.converter="
                    + RegistryConfig.REQUIRED_VALUE_CONVERTER + "), found "
                    + record.value().getClass().getName());
        }
        try {
            return deserializer.deserialize(record.topic(), bytes);
        } catch (SerializationException e) {
            throw new DataException(
                    "Cannot read the " + type + " at " + record.topic() + "-" + record.kafkaPartition() + "@"
                            + record.kafkaOffset() + ": " + e.getMessage(),
                    e);
        }
    }

    @Override
    public void close() {
        deserializer.close();
    }
}
