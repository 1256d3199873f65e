package io.mailroute.topology.flood;

import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import org.apache.kafka.common.errors.SerializationException;
import org.apache.kafka.common.serialization.Deserializer;
import org.apache.kafka.common.serialization.Serde;
import org.apache.kafka.common.serialization.Serdes;
import org.apache.kafka.common.serialization.Serializer;

/**
 * First attempts of mails counted against one flood key (the record key) in one window, as one
 * task tallied them between two forwards ({@link FloodSightings}).
 *
 * @param mailId  the last of the mails, the sample a FLOOD alert names
 * @param arrived an S3 arrival time in the window, epoch millis (the windows are of arrival time)
 * @param kind    what the key is: sender, sender-domain or owner
 * @param count   how many mails, at least one
 */
record FloodSighting(String mailId, long arrived, String kind, long count) {
    /** Version 1 had no count: one sighting per mail, as written before the tallies. */
    private static final byte ONE_MAIL = 1;

    private static final byte VERSION = 2;

    /** This sighting with one more mail of the same window, the sample now {@code latestMailId}. */
    FloodSighting plusOne(final String latestMailId) {
        return new FloodSighting(latestMailId, arrived, kind, count + 1);
    }

    /** Serde of the flood-count repartition topic: version, arrival, count, kind and mail id in UTF-8. */
    static Serde<FloodSighting> serde() {
        final Serializer<FloodSighting> serializer = (topic, sighting) -> {
            if (sighting == null) {
                return null;
            }
            final byte[] kind = sighting.kind().getBytes(StandardCharsets.UTF_8);
            final byte[] id = sighting.mailId().getBytes(StandardCharsets.UTF_8);
            return ByteBuffer.allocate(1 + Long.BYTES + Long.BYTES + 1 + kind.length + id.length)
                    .put(VERSION)
                    .putLong(sighting.arrived())
                    .putLong(sighting.count())
                    .put((byte) kind.length)
                    .put(kind)
                    .put(id)
                    .array();
        };
        final Deserializer<FloodSighting> deserializer = (topic, bytes) -> {
            if (bytes == null) {
                return null;
            }
            final int countBytes = bytes.length > 0 && bytes[0] == ONE_MAIL ? 0 : Long.BYTES;
            if (bytes.length < 1 + Long.BYTES + countBytes + 1 || bytes[0] != VERSION && bytes[0] != ONE_MAIL) {
                throw new SerializationException("Unknown flood sighting format on " + topic);
            }
            final ByteBuffer buffer = ByteBuffer.wrap(bytes);
            buffer.get();
            final long arrived = buffer.getLong();
            final long count = countBytes == 0 ? 1 : buffer.getLong();
            final int kindLength = buffer.get();
            if (kindLength < 0 || kindLength > buffer.remaining()) {
                throw new SerializationException("Truncated flood sighting on " + topic);
            }
            if (count < 1) {
                throw new SerializationException("Flood sighting of no mail on " + topic);
            }
            final String kind = new String(bytes, buffer.position(), kindLength, StandardCharsets.UTF_8);
            final int idStart = buffer.position() + kindLength;
            return new FloodSighting(
                    new String(bytes, idStart, bytes.length - idStart, StandardCharsets.UTF_8), arrived, kind, count);
        };
        return Serdes.serdeFrom(serializer, deserializer);
    }
}
