package io.mailroute.schemas.registry;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import org.apache.avro.Schema;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class LocalSchemaRegistryTest {
    private static final Schema A = record("A");
    private static final Schema B = record("B");

    private static Schema record(final String name) {
        return new Schema.Parser()
                .parse("{\"type\":\"record\",\"name\":\"" + name
                        + "\",\"fields\":[{\"name\":\"x\",\"type\":\"long\"}]}");
    }

    @Test
    void shouldKeepIdsAndConfigAcrossRestarts(@TempDir final Path dir) {
        // given
        final Path journal = dir.resolve("schemas.jsonl");
        final int idA;
        final int idB;
        try (LocalSchemaRegistry registry = LocalSchemaRegistry.persistent(journal)) {
            idA = registry.register("a-value", A);
            idB = registry.register("b-value", B);
            registry.setCompatibility("b-value", Compatibility.FULL);
        }

        // when
        try (LocalSchemaRegistry reopened = LocalSchemaRegistry.persistent(journal)) {
            // then
            assertThat(reopened.schemaById(idA)).isEqualTo(A);
            assertThat(reopened.lookup("b-value", B).id()).isEqualTo(idB);
            assertThat(reopened.compatibility("b-value")).isEqualTo(Compatibility.FULL);
            assertThat(reopened.register("c-value", record("C"))).isEqualTo(idB + 1);
        }
    }

    @Test
    void shouldIgnoreATornLastLineLeftByAKill(@TempDir final Path dir) throws IOException {
        // given
        final Path journal = dir.resolve("schemas.jsonl");
        try (LocalSchemaRegistry registry = LocalSchemaRegistry.persistent(journal)) {
            registry.register("a-value", A);
        }
        Files.writeString(journal, "{\"type\":\"schema\",\"subj", StandardCharsets.UTF_8, StandardOpenOption.APPEND);

        // when
        try (LocalSchemaRegistry reopened = LocalSchemaRegistry.persistent(journal)) {
            // then
            assertThat(reopened.subjects()).containsExactly("a-value");
        }
    }

    @Test
    void shouldCheckTransitiveLevelsAgainstEveryVersion() {
        // given: v1 {x}, v2 {x, y=0}; v3 drops the default of y, fine against v2 only if y is present there
        final LocalSchemaRegistry registry = LocalSchemaRegistry.inMemory();
        final Schema v1 = record("T");
        final Schema v2 = new Schema.Parser()
                .parse("{\"type\":\"record\",\"name\":\"T\",\"fields\":[{\"name\":\"x\",\"type\":\"long\"},"
                        + "{\"name\":\"y\",\"type\":\"int\",\"default\":0}]}");
        final Schema v3 = new Schema.Parser()
                .parse("{\"type\":\"record\",\"name\":\"T\",\"fields\":[{\"name\":\"x\",\"type\":\"long\"},"
                        + "{\"name\":\"y\",\"type\":\"int\"}]}");
        registry.register("t", v1);
        registry.register("t", v2);

        // when / then
        assertThat(registry.isCompatible("t", v3))
                .as("BACKWARD only looks at v2")
                .isTrue();
        registry.setCompatibility("t", Compatibility.BACKWARD_TRANSITIVE);
        assertThat(registry.isCompatible("t", v3)).as("v3 cannot read v1 data").isFalse();
        assertThatThrownBy(() -> registry.register("t", v3)).isInstanceOf(SchemaRegistryException.class);
    }

    @Test
    void shouldRejectUnparseableSchemaText() {
        assertThatThrownBy(() -> LocalSchemaRegistry.parse("{\"type\":\"record\"}"))
                .isInstanceOfSatisfying(
                        SchemaRegistryException.class,
                        e -> assertThat(e.errorCode()).isEqualTo(SchemaRegistryException.INVALID_SCHEMA));
    }
}
