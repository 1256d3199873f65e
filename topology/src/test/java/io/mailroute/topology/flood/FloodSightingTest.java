package io.mailroute.topology.flood;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import org.apache.kafka.common.errors.SerializationException;
import org.apache.kafka.common.serialization.Serde;
import org.junit.jupiter.api.Test;

class FloodSightingTest {
    private final Serde<FloodSighting> serde = FloodSighting.serde();

    @Test
    void shouldRoundTripThroughTheRepartitionSerde() {
        final FloodSighting sighting = new FloodSighting("incoming/ñ-0123456789", 1_795_165_200_123L, "sender-domain");

        final byte[] bytes = serde.serializer().serialize("flood-count-repartition", sighting);

        assertThat(serde.deserializer().deserialize("flood-count-repartition", bytes))
                .isEqualTo(sighting);
        assertThat(serde.serializer().serialize("t", null)).isNull();
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
    }
}
