package io.mailroute.schemas.contract;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.fasterxml.jackson.dataformat.yaml.YAMLMapper;
import com.networknt.schema.Error;
import com.networknt.schema.SchemaRegistry;
import com.networknt.schema.SpecificationVersion;
import io.mailroute.schemas.topics.MailTopic;
import io.mailroute.schemas.topics.TopicNames;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.apache.avro.Schema;
import org.junit.jupiter.api.Test;

/** docs/asyncapi.yaml is the generated document, and the document is valid AsyncAPI 3.0. */
class AsyncApiDocumentTest {
    private static final Path COMMITTED = Path.of("..", "docs", "asyncapi.yaml");
    private static final String WRITE_PROPERTY = "mailroute.asyncapi.write";

    @Test
    void shouldMatchTheCommittedDocument() throws IOException {
        // given
        final String generated = AsyncApiDocument.yaml();
        if (Boolean.getBoolean(WRITE_PROPERTY)) {
            Files.writeString(COMMITTED, generated, StandardCharsets.UTF_8);
        }

        // when
        final String committed = Files.exists(COMMITTED) ? Files.readString(COMMITTED, StandardCharsets.UTF_8) : "";

        // then
        assertThat(committed)
                .as("docs/asyncapi.yaml is out of date; regenerate it with "
                        + "mvn -B -q -pl schemas test -Dtest=AsyncApiDocumentTest -D" + WRITE_PROPERTY + "=true")
                .isEqualTo(generated);
    }

    @Test
    void shouldBeValidAsyncApi300() throws IOException {
        // given
        final JsonNode document = new YAMLMapper().readTree(AsyncApiDocument.yaml());

        // when
        final List<Error> errors = asyncApiSchema().validate(document);

        // then
        assertThat(errors).isEmpty();
    }

    @Test
    void shouldRejectADocumentTheSchemaForbids() throws IOException {
        // given a cleanup policy the Kafka channel binding does not know
        final ObjectNode document = AsyncApiDocument.tree(TopicNames.defaults());
        ((ObjectNode) document.path("channels")
                        .path("raw")
                        .path("bindings")
                        .path("kafka")
                        .path("topicConfiguration"))
                .putArray("cleanup.policy")
                .add("forever");

        // when
        final List<Error> errors = asyncApiSchema().validate(document);

        // then
        assertThat(errors).isNotEmpty();
    }

    private com.networknt.schema.Schema asyncApiSchema() throws IOException {
        try (InputStream in = getClass().getResourceAsStream("/asyncapi/asyncapi-3.0.0.schema.json")) {
            return SchemaRegistry.withDefaultDialect(SpecificationVersion.DRAFT_7)
                    .getSchema(in);
        }
    }

    @Test
    void shouldDescribeEveryTopicWithItsSchemaKeyCompactionAndWriters() {
        // given
        final JsonNode document = AsyncApiDocument.tree(TopicNames.defaults());

        for (final MailTopic topic : MailTopic.values()) {
            // when
            final JsonNode channel = document.path("channels").path(topic.id());
            final Schema value = ValueSubject.valueSchema(topic);
            final JsonNode message = channel.path("messages").path(value.getName());
            final JsonNode payload = document.path("components").path("schemas").path(value.getName());

            // then
            assertThat(channel.path("address").asText()).isEqualTo(topic.defaultName());
            assertThat(message.path("bindings")
                            .path("kafka")
                            .path("key")
                            .path("description")
                            .asText())
                    .isEqualTo(topic.key());
            assertThat(new Schema.Parser().parse(payload.path("schema").toString()))
                    .isEqualTo(value);
            assertThat(channel.path("bindings")
                            .path("kafka")
                            .path("topicConfiguration")
                            .path("cleanup.policy")
                            .get(0)
                            .asText())
                    .isEqualTo(topic.compacted() ? "compact" : "delete");
            assertThat(document.path("operations")
                            .path(topic.id() + "-write")
                            .path("summary")
                            .asText())
                    .contains(topic.writers());
        }
    }
}
