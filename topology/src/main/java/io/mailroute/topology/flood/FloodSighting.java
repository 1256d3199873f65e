package io.mailroute.topology.flood;

import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import org.apache.kafka.common.errors.SerializationException;
import org.apache.kafka.common.serialization.Deserializer;
import org.apache.kafka.common.serialization.Serde;
import org.apache.kafka.common.serialization.Serdes;
import org.apache.kafka.common.serialization.Serializer;

/**
 * One first attempt of a mail counted against one flood key (the record key).
 *
 * @param mailId  the mail
 * @param arrived its S3 arrival time, epoch millis (the windows are of arrival time)
 * @param kind    what the key is: sender, sender-domain or owner
 */
record FloodSighting(String mailId, long arrived, String kind) {
    private static final byte VERSION = 1;

    /** Serde of the flood-count repartition topic: version, arrival, kind and mail id in UTF-8. */
    static Serde<FloodSighting> serde() {
        final Serializer<FloodSighting> serializer = (topic, sighting) -> {
            if (sighting == null) {
                return null;
            }
            final byte[] kind = sighting.kind().getBytes(StandardCharsets.UTF_8);
            final byte[] id = sighting.mailId().getBytes(StandardCharsets.UTF_8);
            return ByteBuffer.allocate(1 + Long.BYTES + 1 + kind.length + id.length)
                    .put(VERSION)
                    .putLong(sighting.arrived())
                    .put((byte) kind.length)
                    .put(kind)
                    .put(id)
                    .array();
        };
        final Deserializer<FloodSighting> deserializer = (topic, bytes) -> {
            if (bytes == null) {
                return null;
            }
            if (bytes.length < 1 + Long.BYTES + 1 || bytes[0] != VERSION) {
                throw new SerializationException("Unknown flood sighting format on " + topic);
            }
            final ByteBuffer buffer = ByteBuffer.wrap(bytes);
            buffer.get();
            final long arrived = buffer.getLong();
            final int kindLength = buffer.get();
            if (kindLength < 0 || kindLength > buffer.remaining()) {
                throw new SerializationException("Truncated flood sighting on " + topic);
            }
            final String kind = new String(bytes, buffer.position(), kindLength, StandardCharsets.UTF_8);
            final int idStart = buffer.position() + kindLength;
            return new FloodSighting(
                    new String(bytes, idStart, bytes.length - idStart, StandardCharsets.UTF_8), arrived, kind);
        };
        return Serdes.serdeFrom(serializer, deserializer);
    }
}
