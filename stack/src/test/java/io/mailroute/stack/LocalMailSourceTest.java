package io.mailroute.stack;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.mailroute.s3.S3Settings;
import io.mailroute.s3.SqsSettings;
import java.io.IOException;
import java.net.URI;
import java.util.HashMap;
import java.util.Map;
import java.util.Optional;
import org.junit.jupiter.api.Test;
import software.amazon.awssdk.auth.credentials.AwsBasicCredentials;

class LocalMailSourceTest {
    private static final Map<String, String> ENDPOINTS = LocalMailSource.endpoints(
            S3Settings.forEndpoint(
                    URI.create("http://127.0.0.1:19000"), "eu-west-1", AwsBasicCredentials.create("bench", "secret")),
            Optional.of(new SqsSettings(
                    "http://127.0.0.1:19324/000000000000/mail-inbound",
                    URI.create("http://127.0.0.1:19324"),
                    "eu-west-1",
                    AwsBasicCredentials.create("bench", "secret"),
                    SqsSettings.DEFAULT_MAX_ATTEMPTS)),
            "http://127.0.0.1:18081");

    @Test
    void shouldTakeEverythingButTheBucketAndEndpointsFromTheShippedFile() throws IOException {
        // when
        final Map<String, String> config = LocalMailSource.shipped().config("other-bucket", ENDPOINTS);

        // then
        final Map<String, String> expected =
                new HashMap<>(ConnectorFile.s3Mail().config());
        ENDPOINTS.forEach((key, value) -> {
            if (!key.startsWith("sqs.")) {
                expected.put(key, value);
            }
        });
        expected.put("s3.bucket", "other-bucket");
        assertThat(config).isEqualTo(expected);
        assertThat(config)
                .containsEntry("s3.endpoint", "http://127.0.0.1:19000")
                .containsEntry("s3.access.key.id", "bench")
                .containsEntry("schema.registry.url", "http://127.0.0.1:18081");
    }

    @Test
    void shouldReadTheQueueOfTheBucketsNotificationsInOneTaskWithNotifications() throws IOException {
        // when
        final LocalMailSource source = LocalMailSource.shipped().withNotifications();
        final Map<String, String> config = source.config("mail-inbound", ENDPOINTS);

        // then
        assertThat(source.tasks()).isEqualTo(1);
        assertThat(source.keyPrefix()).isEqualTo(ConnectorFile.s3Mail().config().get("s3.prefix"));
        assertThat(config)
                .containsEntry("ingest.mode", "notifications")
                .containsEntry("notifications.listing.interval.ms", "300000")
                .containsEntry("tasks.max", "1")
                .containsEntry("sqs.queue.url", "http://127.0.0.1:19324/000000000000/mail-inbound")
                .containsEntry("sqs.endpoint", "http://127.0.0.1:19324");
        assertThat(LocalMailSource.shipped().config("mail-inbound", ENDPOINTS))
                .as("listing reads no queue")
                .doesNotContainKeys("sqs.queue.url", "ingest.mode");
    }

    @Test
    void shouldMoveOnlyTopicsAndKeyPrefixesElsewhere() {
        // given
        final LocalMailSource source = LocalMailSource.shipped();

        // when
        final Map<String, String> moved = source.configElsewhere(
                "mail-inbound", ENDPOINTS, Map.of("topic", "bench.mail.raw", "s3.prefix", "bench/incoming/"));

        // then
        final Map<String, String> local = source.config("mail-inbound", ENDPOINTS);
        local.put("topic", "bench.mail.raw");
        local.put("s3.prefix", "bench/incoming/");
        assertThat(moved).isEqualTo(local);
        assertThatThrownBy(() -> source.configElsewhere("mail-inbound", ENDPOINTS, Map.of("poll.interval.ms", "200")))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("poll.interval.ms");
    }
}
