package io.mailroute.schemas.contract;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.fasterxml.jackson.dataformat.yaml.YAMLFactory;
import com.fasterxml.jackson.dataformat.yaml.YAMLGenerator;
import io.mailroute.schemas.serde.SubjectNameStrategy;
import io.mailroute.schemas.topics.MailTopic;
import io.mailroute.schemas.topics.TopicNames;
import io.mailroute.schemas.topics.TopicSpec;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.util.Map;
import java.util.Properties;
import org.apache.avro.Schema;
import org.apache.kafka.common.config.TopicConfig;

/**
 * The AsyncAPI 3.0 document of every topic: its key, value schema (Avro, as registered), topic
 * configs and who writes it, from {@link MailTopic}, {@link TopicSpec} and the generated Avro
 * classes. {@code docs/asyncapi.yaml} is this document for the default topic names.
 */
public final class AsyncApiDocument {
    /** The Avro schema format AsyncAPI 3.0.0 defines (Avro 1.9 is the newest version it names). */
    public static final String AVRO_SCHEMA_FORMAT = "application/vnd.apache.avro;version=1.9.0";

    private static final String KAFKA_BINDING_VERSION = "0.5.0";
    private static final String HEADER = "# Generated from MailTopic and the .avsc files by AsyncApiDocument; "
            + "do not edit.\n# Regenerate: mvn -B -q -pl schemas test -Dtest=AsyncApiDocumentTest "
            + "-Dmailroute.asyncapi.write=true\n";
    private static final ObjectMapper JSON = new ObjectMapper();
    private static final ObjectMapper YAML = new ObjectMapper(new YAMLFactory()
            .disable(YAMLGenerator.Feature.WRITE_DOC_START_MARKER)
            .enable(YAMLGenerator.Feature.MINIMIZE_QUOTES)
            .disable(YAMLGenerator.Feature.SPLIT_LINES)
            .enable(YAMLGenerator.Feature.INDENT_ARRAYS_WITH_INDICATOR));

    private AsyncApiDocument() {}

    /** The document for the default topic names, as YAML. */
    public static String yaml() {
        try {
            return HEADER + YAML.writeValueAsString(tree(TopicNames.defaults()));
        } catch (JsonProcessingException e) {
            throw new IllegalStateException("cannot write the AsyncAPI document", e);
        }
    }

    /** The document for {@code names}, as a JSON tree. */
    public static ObjectNode tree(final TopicNames names) {
        final ObjectNode root = JSON.createObjectNode();
        root.put("asyncapi", "3.0.0");
        root.set("info", info());
        root.put("defaultContentType", "application/octet-stream");
        final ObjectNode channels = root.putObject("channels");
        final ObjectNode operations = root.putObject("operations");
        final ObjectNode schemas = root.putObject("components").putObject("schemas");
        for (final MailTopic topic : MailTopic.values()) {
            final Schema value = ValueSubject.valueSchema(topic);
            schemas.set(value.getName(), avroSchema(value));
            channels.set(topic.id(), channel(topic, names, value));
            operations.set(topic.id() + "-write", operation(topic, value));
        }
        return root;
    }

    private static ObjectNode info() {
        final ObjectNode info = JSON.createObjectNode();
        info.put("title", "mailroute topics");
        info.put("version", contractVersion());
        info.put(
                "description",
                "The topics mailroute reads and writes. Keys are UTF-8 strings. Values are Avro in the "
                        + "Confluent wire format (magic byte 0, a 4-byte big-endian schema id, Avro binary); "
                        + "the value schema of a topic is registered under the subject `<topic>-value` "
                        + "(TopicNameStrategy). Topic names are the defaults; `mailroute.topic.prefix` and "
                        + "`mailroute.topic.<id>.name` change them.");
        info.putObject("license").put("name", "Apache-2.0").put("url", "https://www.apache.org/licenses/LICENSE-2.0");
        return info;
    }

    private static ObjectNode channel(final MailTopic topic, final TopicNames names, final Schema value) {
        final String name = names.name(topic);
        final ObjectNode channel = JSON.createObjectNode();
        channel.put("address", name);
        channel.put("title", name);
        channel.put(
                "description",
                topic.doc() + " Key: " + topic.key() + ". Value: " + value.getName() + " (subject `"
                        + SubjectNameStrategy.TOPIC_NAME.subject(name, false, value) + "`). "
                        + (topic.compacted()
                                ? "Compacted: the latest value per key; a tombstone (null value) removes it."
                                : "Retention " + topic.retention().toDays() + " days."));
        final ObjectNode message = channel.putObject("messages").putObject(value.getName());
        message.put("name", value.getName());
        message.put("title", value.getName() + " on " + name);
        message.put("summary", value.getDoc());
        message.putObject("payload").put("$ref", "#/components/schemas/" + value.getName());
        final ObjectNode messageBinding = message.putObject("bindings").putObject("kafka");
        messageBinding.putObject("key").put("type", "string").put("description", topic.key());
        messageBinding.put("schemaIdLocation", "payload");
        messageBinding.put("schemaIdPayloadEncoding", "confluent");
        messageBinding.put("schemaLookupStrategy", "TopicNameStrategy");
        messageBinding.put("bindingVersion", KAFKA_BINDING_VERSION);
        final ObjectNode channelBinding = channel.putObject("bindings").putObject("kafka");
        channelBinding.put("topic", name);
        channelBinding.set("topicConfiguration", topicConfiguration(topic, names));
        channelBinding.put("bindingVersion", KAFKA_BINDING_VERSION);
        return channel;
    }

    /** The configs {@code mailroute topics apply} sets, typed as the Kafka binding wants them. */
    private static ObjectNode topicConfiguration(final MailTopic topic, final TopicNames names) {
        final ObjectNode configuration = JSON.createObjectNode();
        final Map<String, String> configs =
                TopicSpec.of(topic, names, 1, (short) 1).configs();
        final ArrayNode policies = configuration.putArray(TopicConfig.CLEANUP_POLICY_CONFIG);
        for (final String policy :
                configs.get(TopicConfig.CLEANUP_POLICY_CONFIG).split(",")) {
            policies.add(policy.trim());
        }
        for (final String key : new String[] {TopicConfig.RETENTION_MS_CONFIG, TopicConfig.MAX_MESSAGE_BYTES_CONFIG}) {
            if (configs.containsKey(key)) {
                configuration.put(key, Long.parseLong(configs.get(key)));
            }
        }
        return configuration;
    }

    private static ObjectNode operation(final MailTopic topic, final Schema value) {
        final ObjectNode operation = JSON.createObjectNode();
        operation.put("action", "send");
        operation.putObject("channel").put("$ref", "#/channels/" + topic.id());
        operation.put("title", "Write " + topic.defaultName());
        operation.put("summary", "Written by: " + topic.writers());
        operation
                .putArray("messages")
                .addObject()
                .put("$ref", "#/channels/" + topic.id() + "/messages/" + value.getName());
        return operation;
    }

    private static ObjectNode avroSchema(final Schema schema) {
        final ObjectNode multiFormat = JSON.createObjectNode();
        multiFormat.put("schemaFormat", AVRO_SCHEMA_FORMAT);
        try {
            final JsonNode avro = JSON.readTree(schema.toString());
            multiFormat.set("schema", avro);
        } catch (JsonProcessingException e) {
            throw new IllegalStateException("Avro wrote a schema that is not JSON: " + schema.getFullName(), e);
        }
        return multiFormat;
    }

    private static String contractVersion() {
        final Properties properties = new Properties();
        try (InputStream in = AsyncApiDocument.class.getResourceAsStream("contract.properties")) {
            if (in == null) {
                throw new IllegalStateException("contract.properties is missing from the schemas jar");
            }
            properties.load(in);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return properties.getProperty("version");
    }
}
