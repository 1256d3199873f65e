package io.mailroute.schemas.serde;

import static org.assertj.core.api.Assertions.assertThat;

import io.mailroute.avro.RawRef;
import io.mailroute.schemas.registry.LocalSchemaRegistry;
import java.util.Map;
import org.apache.avro.Schema;
import org.apache.avro.generic.GenericData;
import org.apache.avro.generic.GenericRecord;
import org.junit.jupiter.api.Test;

/** The serializer's bytes, compared with the Confluent wire format computed by hand. */
class WireFormatTest {
    private static final Map<String, String> CONFIG = Map.of("schema.registry.url", "mock://unused");

    @Test
    void shouldWriteMagicByteBigEndianIdAndAvroBinaryForGenericRecord() {
        // given
        final LocalSchemaRegistry registry = LocalSchemaRegistry.inMemory();
        final Schema schema = new Schema.Parser()
                .parse(
                        "{\"type\":\"record\",\"name\":\"T\",\"fields\":[{\"name\":\"a\",\"type\":\"string\"},{\"name\":\"b\",\"type\":\"int\"}]}");
        for (int i = 0; i < 257; i++) { // push the id past one byte: 258 = 0x00000102
            registry.register(
                    "filler-" + i,
                    new Schema.Parser().parse("{\"type\":\"fixed\",\"name\":\"F" + i + "\",\"size\":1}"));
        }
        final GenericRecord record = new GenericData.Record(schema);
        record.put("a", "hi");
        record.put("b", 5);
        final AvroSerializer<GenericRecord> serializer = new AvroSerializer<>(registry);
        serializer.configure(CONFIG, false);

        // when
        final byte[] bytes = serializer.serialize("t", record);

        // then
        assertThat(bytes)
                .containsExactly(
                        0x00, // magic byte
                        0x00, 0x00, 0x01, 0x02, // schema id 258, big-endian
                        0x04, 'h', 'i', // string: zig-zag length 2, then UTF-8
                        0x0A); // int 5, zig-zag
        assertThat(registry.latest("t-value").id()).isEqualTo(258);
    }

    @Test
    void shouldWriteUnionsAndLongsOfGeneratedRecordsAsConfluentDoes() {
        // given
        final LocalSchemaRegistry registry = LocalSchemaRegistry.inMemory();
        final RawRef ref = RawRef.newBuilder()
                .setBucket("b")
                .setKey("k")
                .setVersionId(null)
                .setEtag(null)
                .setSize(3L)
                .setSha256("ab")
                .setTopic("t")
                .setPartition(null)
                .setOffset(5L)
                .build();
        final AvroSerializer<RawRef> serializer = new AvroSerializer<>(registry);
        serializer.configure(CONFIG, false);

        // when
        final byte[] bytes = serializer.serialize("refs", ref);

        // then
        assertThat(bytes)
                .containsExactly(
                        0x00, 0x00, 0x00, 0x00, 0x01, // magic byte, schema id 1
                        0x02, 'b', // bucket
                        0x02, 'k', // key
                        0x00, // versionId: union branch 0 (null)
                        0x00, // etag: null
                        0x06, // size 3
                        0x04, 'a', 'b', // sha256
                        0x02, 0x02, 't', // topic: union branch 1, "t"
                        0x00, // partition: null
                        0x02, 0x0A); // offset: union branch 1, long 5
    }
}
