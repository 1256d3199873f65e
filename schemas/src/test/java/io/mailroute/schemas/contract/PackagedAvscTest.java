package io.mailroute.schemas.contract;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.mailroute.schemas.topics.MailTopic;
import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.stream.Stream;
import org.apache.avro.Schema;
import org.junit.jupiter.api.Test;

/** The .avsc files ship in the schemas jar under io/mailroute/avro/, as written. */
class PackagedAvscTest {
    private static final Path SOURCES = Path.of("src", "main", "avro");
    private static final String PACKAGED = "/io/mailroute/avro/";

    @Test
    void shouldPackageEverySchemaFileUnchanged() throws IOException {
        // given
        final List<Path> files;
        try (Stream<Path> walk = Files.walk(SOURCES)) {
            files = walk.filter(p -> p.toString().endsWith(".avsc")).toList();
        }
        assertThat(files).hasSizeGreaterThan(MailTopic.values().length / 2);

        for (final Path file : files) {
            // when
            final String resource = PACKAGED
                    + SOURCES.relativize(file)
                            .toString()
                            .replace(file.getFileSystem().getSeparator(), "/");
            try (InputStream in = getClass().getResourceAsStream(resource)) {
                // then
                assertThat(in).as(resource).isNotNull();
                assertThat(in.readAllBytes()).as(resource).isEqualTo(Files.readAllBytes(file));
            }
        }
    }

    @Test
    void shouldPackageTheValueSchemaOfEveryTopic() throws IOException {
        for (final MailTopic topic : MailTopic.values()) {
            // given
            final Schema value = ValueSubject.valueSchema(topic);

            // when
            final JsonNode packaged;
            try (InputStream in = getClass().getResourceAsStream(PACKAGED + value.getName() + ".avsc")) {
                assertThat(in).as(topic + " value schema").isNotNull();
                packaged = new ObjectMapper().readTree(in);
            }

            // then
            assertThat(packaged.path("namespace").asText() + "."
                            + packaged.path("name").asText())
                    .isEqualTo(value.getFullName());
        }
    }
}
