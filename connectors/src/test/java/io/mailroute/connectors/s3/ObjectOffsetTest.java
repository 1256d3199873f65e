package io.mailroute.connectors.s3;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.mailroute.connectors.s3.ObjectOffset.Outcome;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.apache.kafka.connect.errors.ConnectException;
import org.apache.kafka.connect.json.JsonConverter;
import org.junit.jupiter.api.Test;

class ObjectOffsetTest {
    private static final Instant LISTED = Instant.parse("2026-01-02T03:04:05.678Z");

    @Test
    void shouldSerializeThePartitionToTheSameOffsetKeyInEveryJvm() {
        // the worker stores offsets under the JSON of [connector, partition]; Map.of iterates in a
        // per-JVM random order, so a partition built with it is found again only by half the JVMs
        final JsonConverter converter = new JsonConverter();
        converter.configure(Map.of("schemas.enable", "false"), true);

        final byte[] key = converter.fromConnectData(
                "", null, List.of("s3-mail", ObjectOffset.partition(new ObjectRef("mail-inbound", "incoming/0a1b"))));

        assertThat(new String(key, StandardCharsets.UTF_8))
                .isEqualTo("[\"s3-mail\",{\"bucket\":\"mail-inbound\",\"key\":\"incoming/0a1b\"}]");
    }

    @Test
    void shouldRoundTripThroughTheOffsetMap() {
        final ObjectOffset offset = new ObjectOffset(
                "9e107d9d372bb6826bd81d3542a419d6", LISTED.toEpochMilli(), 5120, "v-3HL4", Outcome.INGESTED);

        final Map<String, Object> map = offset.toMap();

        assertThat(map)
                .containsEntry("v", 1)
                .containsEntry("etag", "9e107d9d372bb6826bd81d3542a419d6")
                .containsEntry("versionId", "v-3HL4")
                .containsEntry("outcome", "ingested");
        assertThat(ObjectOffset.fromMap(map)).isEqualTo(offset);
    }

    @Test
    void shouldReadOffsetsWhoseNumbersCameBackAsIntegers() {
        // the worker's JSON converter gives back small longs as Integer
        final Map<String, Object> map =
                new HashMap<>(Map.of("v", 1, "etag", "abc", "lastModified", 1_000, "size", 7, "outcome", "failed"));

        assertThat(ObjectOffset.fromMap(map)).isEqualTo(new ObjectOffset("abc", 1_000L, 7L, null, Outcome.FAILED));
    }

    @Test
    void shouldRecognizeTheSameUploadAcrossListingAndReading() {
        // a listing gives milliseconds and a quoted ETag, a GET whole seconds
        final ObjectVersion listed = ObjectVersion.listed("incoming/a", "\"abc\"", LISTED, 10);
        final ObjectVersion read =
                new ObjectVersion("incoming/a", "abc", Instant.parse("2026-01-02T03:04:05Z"), 10, "v1");

        assertThat(listed.isRecordedBy(ObjectOffset.of(read, Outcome.INGESTED))).isTrue();
        assertThat(listed.isRecordedBy(ObjectOffset.of(
                        new ObjectVersion("incoming/a", "abc", LISTED.plusSeconds(1), 10, null), Outcome.INGESTED)))
                .isFalse(); // re-upload
        assertThat(listed.isRecordedBy(
                        ObjectOffset.of(new ObjectVersion("incoming/a", "def", LISTED, 10, null), Outcome.INGESTED)))
                .isFalse(); // other content
        assertThat(listed.isRecordedBy(null)).isFalse();
    }

    @Test
    void shouldReadBackTheOffsetOfAnObjectListedWithoutAnEtag() {
        final ObjectOffset vanished =
                ObjectOffset.of(new ObjectVersion("incoming/a-3f2c", "", LISTED, 0, null), Outcome.VANISHED);

        assertThat(ObjectOffset.fromMap(vanished.toMap())).isEqualTo(vanished);
    }

    @Test
    void shouldNameTheOffendingKeyOfAMalformedOffset() {
        assertThatThrownBy(() -> ObjectOffset.fromMap(Map.of("v", 2)))
                .isInstanceOf(ConnectException.class)
                .hasMessageContaining("'v'");
        assertThatThrownBy(
                        () -> ObjectOffset.fromMap(Map.of("v", 1, "lastModified", 1, "size", 1, "outcome", "ingested")))
                .isInstanceOf(ConnectException.class)
                .hasMessageContaining("'etag'");
        assertThatThrownBy(() -> ObjectOffset.fromMap(Map.of("v", 1, "etag", "a", "size", 1, "outcome", "ingested")))
                .isInstanceOf(ConnectException.class)
                .hasMessageContaining("'lastModified'");
        assertThatThrownBy(() -> ObjectOffset.fromMap(
                        Map.of("v", 1, "etag", "a", "lastModified", 1, "size", 1, "outcome", "lost")))
                .isInstanceOf(ConnectException.class)
                .hasMessageContaining("'outcome'")
                .hasMessageContaining("failed-in-place");
        assertThatThrownBy(() -> ObjectOffset.refOf(Map.of("bucket", "b")))
                .isInstanceOf(ConnectException.class)
                .hasMessageContaining("'key'");
    }

    @Test
    void shouldKeepANullOffsetNull() {
        assertThat(ObjectOffset.fromMap(null)).isNull();
    }
}
