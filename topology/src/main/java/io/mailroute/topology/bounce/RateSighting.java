package io.mailroute.topology.bounce;

import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import org.apache.kafka.common.errors.SerializationException;
import org.apache.kafka.common.serialization.Deserializer;
import org.apache.kafka.common.serialization.Serde;
import org.apache.kafka.common.serialization.Serdes;
import org.apache.kafka.common.serialization.Serializer;

/**
 * One mail seen in a rate scope; {@code bounce} when it reports a failed delivery. Only bounces are
 * sighted now ({@link BounceEvents#sightings}); the flag stays in the format, so that the sightings
 * of other mail an earlier version left on the repartition topic still count as mail, not bounces.
 */
record RateSighting(String mailId, boolean bounce) {
    private static final byte VERSION = 1;

    /** Serde of the rate repartition topic: version, bounce flag, mail id in UTF-8. */
    static Serde<RateSighting> serde() {
        final Serializer<RateSighting> serializer = (topic, sighting) -> {
            if (sighting == null) {
                return null;
            }
            final byte[] id = sighting.mailId().getBytes(StandardCharsets.UTF_8);
            return ByteBuffer.allocate(2 + id.length)
                    .put(VERSION)
                    .put((byte) (sighting.bounce() ? 1 : 0))
                    .put(id)
                    .array();
        };
        final Deserializer<RateSighting> deserializer = (topic, bytes) -> {
            if (bytes == null) {
                return null;
            }
            if (bytes.length < 2 || bytes[0] != VERSION) {
                throw new SerializationException("Unknown rate sighting format on " + topic);
            }
            return new RateSighting(new String(bytes, 2, bytes.length - 2, StandardCharsets.UTF_8), bytes[1] == 1);
        };
        return Serdes.serdeFrom(serializer, deserializer);
    }
}
