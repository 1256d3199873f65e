package io.mailroute.schemas.serde;

import java.nio.ByteBuffer;
import org.apache.kafka.common.errors.SerializationException;

/**
 * The Confluent wire format: magic byte {@code 0}, the schema id as a 4-byte big-endian int, then
 * the Avro binary encoding of the value.
 */
public final class WireFormat {
    public static final byte MAGIC_BYTE = 0;
    public static final int HEADER_SIZE = 5;

    private WireFormat() {}

    /** Writes the 5-byte header for {@code schemaId} into {@code buffer}. */
    public static void writeHeader(final ByteBuffer buffer, final int schemaId) {
        buffer.put(MAGIC_BYTE).putInt(schemaId);
    }

    /** Reads and checks the header of {@code payload}, returning the schema id. */
    public static int schemaId(final String topic, final byte[] payload) {
        if (payload.length < HEADER_SIZE) {
            throw new SerializationException("Record on " + topic + " has " + payload.length
                    + " bytes, fewer than the 5-byte Confluent wire-format header");
        }
        if (payload[0] != MAGIC_BYTE) {
            throw new SerializationException(String.format(
                    "Record on %s does not start with the Confluent magic byte 0 (found 0x%02x): not Avro in the Confluent wire format",
                    topic, payload[0] & 0xff));
        }
        return ByteBuffer.wrap(payload, 1, 4).getInt();
    }
}
