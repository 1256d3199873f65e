package io.mailroute.schemas.serde;

import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.junit.jupiter.api.Assertions.assertTimeoutPreemptively;

import io.mailroute.avro.ClassifiedMail;
import io.mailroute.avro.RawMail;
import io.mailroute.schemas.SampleRecords;
import io.mailroute.schemas.registry.LocalSchemaRegistry;
import java.time.Duration;
import java.util.Arrays;
import java.util.Map;
import org.apache.avro.Schema;
import org.apache.kafka.common.errors.SerializationException;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** Every malformed payload fails fast with a SerializationException that says what is wrong. */
class MalformedPayloadTest {
    private static final Duration FAST = Duration.ofSeconds(5);

    private LocalSchemaRegistry registry;
    private AvroDeserializer<RawMail> deserializer;
    private byte[] valid;

    @BeforeEach
    void setUp() {
        registry = LocalSchemaRegistry.inMemory();
        final AvroSerializer<RawMail> serializer = new AvroSerializer<>(registry);
        serializer.configure(Map.of("schema.registry.url", "mock://unused"), false);
        valid = serializer.serialize("mail.raw", SampleRecords.rawMail());
        deserializer = new AvroDeserializer<>(registry, RawMail.class);
    }

    @Test
    void shouldRejectWrongMagicByte() {
        final byte[] payload = valid.clone();
        payload[0] = 1;
        assertFailsWith(payload, "magic byte 0 (found 0x01)");
    }

    @Test
    void shouldRejectUnknownSchemaId() {
        final byte[] payload = valid.clone();
        payload[4] = 99;
        assertFailsWith(payload, "Unknown schema id 99");
    }

    @Test
    void shouldRejectPayloadShorterThanHeader() {
        assertFailsWith(new byte[] {0, 0, 1}, "fewer than the 5-byte");
        assertFailsWith(new byte[0], "fewer than the 5-byte");
    }

    @Test
    void shouldRejectTruncatedBody() {
        for (int length = 6; length < valid.length; length += 3) {
            assertFailsWith(Arrays.copyOf(valid, length), "schema id 1");
        }
    }

    @Test
    void shouldRejectTrailingBytes() {
        assertFailsWith(Arrays.copyOf(valid, valid.length + 2), "trailing bytes");
    }

    @Test
    void shouldRejectAHugeLengthPrefixWithoutAllocatingIt() {
        // given: a record whose first field (a string) claims ~1 GiB
        final Schema schema = new Schema.Parser()
                .parse("{\"type\":\"record\",\"name\":\"S\",\"fields\":[{\"name\":\"s\",\"type\":\"string\"}]}");
        final int id = registry.register("huge-value", schema);
        final byte[] payload = {0, 0, 0, 0, (byte) id, (byte) 0x80, (byte) 0x80, (byte) 0x80, (byte) 0x80, 0x08, 'x'};
        final AvroDeserializer<ClassifiedMail> generic = new AvroDeserializer<>(registry, null);

        // when / then
        assertTimeoutPreemptively(
                FAST,
                () -> assertThatThrownBy(() -> generic.deserialize("huge", payload))
                        .isInstanceOf(SerializationException.class)
                        .hasMessageContaining("schema id " + id));
    }

    @Test
    void shouldRejectRandomGarbageAfterAValidHeader() {
        final java.util.Random random = new java.util.Random(42);
        for (int i = 0; i < 500; i++) {
            final byte[] payload = valid.clone();
            for (int j = WireFormat.HEADER_SIZE; j < payload.length; j++) {
                if (random.nextInt(8) == 0) {
                    payload[j] = (byte) random.nextInt(256);
                }
            }
            assertTimeoutPreemptively(FAST, () -> {
                try {
                    deserializer.deserialize("mail.raw", payload);
                } catch (SerializationException expected) {
                    // a clear error is the only acceptable failure
                }
            });
        }
    }

    private void assertFailsWith(final byte[] payload, final String message) {
        assertTimeoutPreemptively(
                FAST,
                () -> assertThatThrownBy(() -> deserializer.deserialize("mail.raw", payload))
                        .isInstanceOf(SerializationException.class)
                        .hasMessageContaining(message));
    }
}
