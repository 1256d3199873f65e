package io.mailroute.schemas;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.fail;

import io.mailroute.schemas.registry.Compatibility;
import io.mailroute.schemas.topics.MailTopic;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.List;
import java.util.stream.Stream;
import org.apache.avro.Schema;
import org.apache.avro.SchemaFormatter;
import org.apache.avro.specific.SpecificData;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * Guards the evolution rules in schemas/README.md: every topic's value schema must stay BACKWARD
 * compatible with the released baseline in {@code src/test/resources/schema-baseline}, so that
 * consumers upgraded first can read everything already on the topics.
 */
class SchemaEvolutionTest {
    private static final Path BASELINE = Path.of("src/test/resources/schema-baseline");

    static Stream<Class<?>> valueTypes() {
        return Arrays.stream(MailTopic.values())
                .map(MailTopic::valueType)
                .distinct()
                .map(c -> (Class<?>) c);
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("valueTypes")
    void shouldStayBackwardCompatibleWithTheReleasedBaseline(final Class<?> type) throws IOException {
        final Schema current = SpecificData.get().getSchema(type);
        final Path file = BASELINE.resolve(type.getSimpleName() + ".avsc");
        if (!Files.exists(file)) {
            Files.createDirectories(BASELINE);
            Files.writeString(
                    file, SchemaFormatter.getInstance("json/pretty").format(current) + "\n", StandardCharsets.UTF_8);
            fail("No baseline for " + type.getSimpleName() + "; wrote " + file + ": review and commit it");
        }
        final Schema released = new Schema.Parser().parse(file.toFile());

        final List<String> violations = Compatibility.BACKWARD.violations(current, List.of(released));

        assertThat(violations)
                .as("%s broke BACKWARD compatibility with %s", type.getSimpleName(), file)
                .isEmpty();
    }

    @Test
    void shouldDocumentEveryFieldOfEveryRecord() {
        valueTypes().map(t -> SpecificData.get().getSchema(t)).forEach(SchemaEvolutionTest::assertDocumented);
    }

    private static void assertDocumented(final Schema schema) {
        switch (schema.getType()) {
            case RECORD -> {
                assertThat(schema.getDoc())
                        .as("doc of record %s", schema.getFullName())
                        .isNotBlank();
                assertThat(schema.getNamespace()).isEqualTo("io.mailroute.avro");
                schema.getFields().forEach(f -> {
                    assertThat(f.doc())
                            .as("doc of %s.%s", schema.getFullName(), f.name())
                            .isNotBlank();
                    assertDocumented(f.schema());
                });
            }
            case UNION -> schema.getTypes().forEach(SchemaEvolutionTest::assertDocumented);
            case ARRAY -> assertDocumented(schema.getElementType());
            case MAP -> assertDocumented(schema.getValueType());
            case ENUM ->
                assertThat(schema.getDoc())
                        .as("doc of enum %s", schema.getFullName())
                        .isNotBlank();
            default -> {}
        }
    }
}
