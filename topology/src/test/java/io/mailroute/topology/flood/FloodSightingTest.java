package io.mailroute.topology.flood;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import org.apache.kafka.common.errors.SerializationException;
import org.apache.kafka.common.serialization.Serde;
import org.junit.jupiter.api.Test;

class FloodSightingTest {
    private final Serde<FloodSighting> serde = FloodSighting.serde();

    @Test
    void shouldRoundTripThroughTheRepartitionSerde() {
        final FloodSighting sighting =
                new FloodSighting("incoming/ñ-0123456789", 1_795_165_200_123L, "sender-domain", 42);

        final byte[] bytes = serde.serializer().serialize("flood-count-repartition", sighting);

        assertThat(serde.deserializer().deserialize("flood-count-repartition", bytes))
                .isEqualTo(sighting);
        assertThat(serde.serializer().serialize("t", null)).isNull();
    }

    @Test
    void shouldReadASightingWrittenBeforeTheTalliesAsOneMail() {
        final byte[] kind = "owner".getBytes(StandardCharsets.UTF_8);
        final byte[] id = "m-1".getBytes(StandardCharsets.UTF_8);
        final byte[] version1 = ByteBuffer.allocate(1 + Long.BYTES + 1 + kind.length + id.length)
                .put((byte) 1)
                .putLong(1_795_165_200_123L)
                .put((byte) kind.length)
                .put(kind)
                .put(id)
                .array();

        assertThat(serde.deserializer().deserialize("flood-count-repartition", version1))
                .isEqualTo(new FloodSighting("m-1", 1_795_165_200_123L, "owner", 1));
    }

    @Test
    void shouldRefuseBytesOfAnotherFormat() {
        assertThatThrownBy(() -> serde.deserializer().deserialize("t", new byte[] {9, 0, 0}))
                .isInstanceOf(SerializationException.class)
                .hasMessageContaining("Unknown flood sighting format");
        final byte[] truncated = {1, 0, 0, 0, 0, 0, 0, 0, 1, 40};
        assertThatThrownBy(() -> serde.deserializer().deserialize("t", truncated))
                .isInstanceOf(SerializationException.class)
                .hasMessageContaining("Truncated");
        final byte[] noMail = ByteBuffer.allocate(1 + Long.BYTES + Long.BYTES + 1)
                .put((byte) 2)
                .putLong(0)
                .putLong(0)
                .put((byte) 0)
                .array();
        assertThatThrownBy(() -> serde.deserializer().deserialize("t", noMail))
                .isInstanceOf(SerializationException.class)
                .hasMessageContaining("of no mail");
    }
}
