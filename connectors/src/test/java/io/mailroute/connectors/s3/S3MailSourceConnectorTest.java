package io.mailroute.connectors.s3;

import static org.assertj.core.api.Assertions.as;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.mailroute.connectors.s3.S3MailSourceConfig.AfterRead;
import java.nio.file.Path;
import java.time.Duration;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.stream.Collectors;
import org.apache.kafka.common.config.ConfigValue;
import org.apache.kafka.connect.errors.ConnectException;
import org.apache.kafka.connect.source.ConnectorTransactionBoundaries;
import org.apache.kafka.connect.source.ExactlyOnceSupport;
import org.assertj.core.api.InstanceOfAssertFactories;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

class S3MailSourceConnectorTest {
    private static S3ProxyFixture s3;
    private final S3MailSourceConnector connector = new S3MailSourceConnector();

    @BeforeAll
    static void startS3() throws Exception {
        s3 = S3ProxyFixture.start();
        s3.createBucket("mails");
    }

    @AfterAll
    static void stopS3() {
        s3.close();
    }

    private static S3MailSourceConfig.Setter valid() {
        return s3.configure(S3MailSourceConfig.setter(new HashMap<>())
                .bucket("mails")
                .registryUrl("http://127.0.0.1:8081")
                .converters());
    }

    private Map<String, List<String>> errors(final Map<String, String> config) {
        return connector.validate(config).configValues().stream()
                .filter(v -> !v.errorMessages().isEmpty())
                .collect(Collectors.toMap(ConfigValue::name, ConfigValue::errorMessages));
    }

    @Test
    void shouldAcceptAValidConfigWhoseBucketIsReachable() {
        assertThat(errors(valid().props())).isEmpty();
    }

    @Test
    void shouldAcceptTheExampleConfigOfLocalMode() throws Exception {
        // given ops/connectors/s3-mail.json, pointed at this test's S3 endpoint
        final JsonNode example = new ObjectMapper()
                .readTree(Path.of("..", "ops", "connectors", "s3-mail.json").toFile());
        final Map<String, String> config = new HashMap<>();
        example.get("config")
                .properties()
                .forEach(e -> config.put(e.getKey(), e.getValue().asText()));
        s3.createBucket(config.get("s3.bucket"));
        s3.configure(S3MailSourceConfig.setter(config));

        // then
        assertThat(example.get("name").asText()).isEqualTo("s3-mail");
        assertThat(config.get("connector.class")).isEqualTo(S3MailSourceConnector.class.getName());
        assertThat(errors(config)).isEmpty();
    }

    @Test
    void shouldFailValidationWhenBucketMissing() {
        final Map<String, String> config = valid().props();
        config.remove("s3.bucket");

        assertThat(errors(config)).containsOnlyKeys("s3.bucket");
    }

    @Test
    void shouldFailValidationWhenTheAccessKeyIdComesWithoutItsSecret() {
        final Map<String, String> config = valid().props();
        config.remove("s3.secret.access.key");

        assertThat(errors(config)).containsOnlyKeys("s3.secret.access.key");
        assertThat(errors(config).get("s3.secret.access.key"))
                .singleElement()
                .asString()
                .contains("must be set together");
    }

    @Test
    void shouldFailValidationWhenTheBucketCannotBeReached() {
        assertThat(errors(valid().bucket("no-such-bucket").props()).get("s3.bucket"))
                .singleElement()
                .asString()
                .contains("Cannot access bucket no-such-bucket")
                .contains("404");
        assertThat(errors(valid().credentials("test-access", "wrong").props()).get("s3.bucket"))
                .singleElement()
                .asString()
                .contains("403");
    }

    @Test
    void shouldFailValidationOnMalformedFields() {
        final Map<String, String> config = valid().keyRegex("incoming/[")
                .set("after.read", "archive")
                .set("after.read.tag", "=x")
                .set("inline.max.bytes", 3_000_000)
                .set("max.objects.per.poll", 0)
                .props();

        assertThat(errors(config))
                .containsOnlyKeys(
                        "s3.key.regex", "after.read", "after.read.tag", "inline.max.bytes", "max.objects.per.poll");
        assertThat(errors(config).get("after.read"))
                .singleElement()
                .asString()
                .contains("must be one of none, tag, move, delete");
    }

    @Test
    void shouldFailValidationWhenTheMovePrefixWouldBeReadAgain() {
        final Map<String, String> config =
                valid().afterRead(AfterRead.MOVE).moveTo("", "incoming/done/").props();

        assertThat(errors(config).get("after.read.move.prefix"))
                .singleElement()
                .asString()
                .contains("overlaps s3.prefix='incoming/'");
    }

    @Test
    void shouldAcceptTheMovePrefixInAnotherBucket() {
        s3.createBucket("archive");
        assertThat(errors(valid().afterRead(AfterRead.MOVE)
                        .moveTo("archive", "incoming/")
                        .props()))
                .isEmpty();
    }

    @Test
    void shouldFailValidationWhenFailedOrClaimCheckPrefixesOverlapTheSource() {
        final Map<String, String> config =
                valid().prefix("").afterRead(AfterRead.DELETE).props();

        assertThat(errors(config)).containsOnlyKeys("failed.prefix", "claim.check.prefix");
    }

    @Test
    void shouldFailValidationWhenInlineRecordsExceedTheProducerRequestSize() {
        final Map<String, String> tooBig = valid().inlineMaxBytes(1_500_000).props();
        final Map<String, String> overridden = valid().inlineMaxBytes(1_500_000)
                .set("producer.override.max.request.size", 2_097_152)
                .props();

        assertThat(errors(tooBig).get("inline.max.bytes"))
                .singleElement()
                .asString()
                .contains("producer.override.max.request.size");
        assertThat(errors(overridden)).isEmpty();
    }

    @Test
    void shouldFailValidationWhenRecordsCouldBeSkippedOrConverted() {
        final Map<String, String> config = valid().set("errors.tolerance", "all")
                .set("key.converter", "org.apache.kafka.connect.json.JsonConverter")
                .set("value.converter", "org.apache.kafka.connect.json.JsonConverter")
                .props();

        final Map<String, List<String>> errors = errors(config);

        assertThat(errors.get("dlq.topic")).singleElement().asString().contains("errors.tolerance must be none");
        assertThat(errors.get("topic")).singleElement().asString().contains("StringConverter");
        assertThat(errors.get("schema.registry.url")).singleElement().asString().contains("ByteArrayConverter");
    }

    @Test
    void shouldGiveEveryTaskItsShareOfTheKeys() {
        connector.start(valid().props());

        final List<Map<String, String>> tasks = connector.taskConfigs(3);

        assertThat(tasks).hasSize(3);
        assertThat(tasks)
                .extracting(t -> KeyHashAssignment.fromTaskConfig(t))
                .containsExactly(new KeyHashAssignment(0, 3), new KeyHashAssignment(1, 3), new KeyHashAssignment(2, 3));
        assertThat(tasks).allSatisfy(t -> assertThat(t).containsEntry("s3.bucket", "mails"));
    }

    @Test
    void shouldRunOneTaskInNotificationsMode() {
        connector.start(valid().notifications("http://127.0.0.1:9324/000000000000/mails", "", Duration.ofMinutes(5))
                .props());

        final List<Map<String, String>> tasks = connector.taskConfigs(3);

        assertThat(tasks)
                .extracting(t -> KeyHashAssignment.fromTaskConfig(t))
                .containsExactly(new KeyHashAssignment(0, 1));
    }

    @Test
    void shouldFailValidationWhenNotificationsModeNamesNoQueue() {
        final Map<String, String> config =
                valid().notifications("", "", Duration.ofMinutes(5)).props();

        assertThat(errors(config).get("sqs.queue.url"))
                .singleElement(as(InstanceOfAssertFactories.STRING))
                .contains("ingest.mode=notifications");
    }

    @Test
    void shouldSupportExactlyOnceWithWorkerDefinedTransactions() {
        assertThat(connector.exactlyOnceSupport(valid().props())).isEqualTo(ExactlyOnceSupport.SUPPORTED);
        assertThat(connector.canDefineTransactionBoundaries(valid().props()))
                .isEqualTo(ConnectorTransactionBoundaries.UNSUPPORTED);
    }

    @Test
    void shouldValidateOffsetsWhenOperatorsAlterThem() {
        final Map<String, String> config = valid().props();
        final Map<String, ?> partition = Map.of("bucket", "mails", "key", "incoming/a1");
        final Map<String, ?> offset =
                Map.of("v", 1, "etag", "abc", "lastModified", 1_000L, "size", 5L, "outcome", "ingested");
        final Map<Map<String, ?>, Map<String, ?>> reset = new HashMap<>();
        reset.put(partition, null);

        assertThat(connector.alterOffsets(config, Map.of(partition, offset))).isTrue();
        assertThat(connector.alterOffsets(config, reset)).isTrue();
        assertThatThrownBy(() -> connector.alterOffsets(config, Map.of(Map.of("bucket", "other", "key", "k"), offset)))
                .isInstanceOf(ConnectException.class)
                .hasMessageContaining("'bucket'")
                .hasMessageContaining("mails");
        assertThatThrownBy(() -> connector.alterOffsets(config, Map.of(Map.of("bucket", "mails"), offset)))
                .isInstanceOf(ConnectException.class)
                .hasMessageContaining("'key'");
        assertThatThrownBy(() -> connector.alterOffsets(config, Map.of(partition, Map.of("v", 1, "etag", "abc"))))
                .isInstanceOf(ConnectException.class)
                .hasMessageContaining("'lastModified'");
    }
}
