package io.mailroute.runtime.client;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.mailroute.s3.S3Settings;
import java.net.URI;
import java.util.Map;
import org.apache.kafka.common.config.ConfigException;
import org.junit.jupiter.api.Test;

class ClientSettingsTest {

    private static ClientSettings settings(
            final String endpoint,
            final String region,
            final Map<String, String> file,
            final Map<String, String> environment) {
        return new ClientSettings(
                "localhost:9092", "http://localhost:8081", endpoint, LocalDefaults.BUCKET, region, file, environment);
    }

    @Test
    void shouldReachTheLocalStackWithTheDevelopmentKeysWhenNothingSaysOtherwise() {
        // when
        final S3Settings s3 = settings(null, null, Map.of(), Map.of()).s3Settings();

        // then
        assertThat(s3.endpoint()).isEqualTo(URI.create(LocalDefaults.S3_ENDPOINT));
        assertThat(s3.pathStyleAccess()).isTrue();
        assertThat(s3.region()).isEqualTo("us-east-1");
        assertThat(s3.credentials().accessKeyId()).isEqualTo(LocalDefaults.S3_ACCESS_KEY);
        assertThat(s3.credentials().secretAccessKey()).isEqualTo(LocalDefaults.S3_SECRET_KEY);
        assertThat(s3.apiCallTimeout()).isNull();
    }

    @Test
    void shouldTakeTheFileOverTheEnvironmentAndTheOptionsOverBoth() {
        // given
        final Map<String, String> environment = Map.of(
                "MAILROUTE_S3_ENDPOINT",
                "http://env:9000",
                "MAILROUTE_S3_ACCESS_KEY_ID",
                "env-id",
                "MAILROUTE_S3_SECRET_ACCESS_KEY",
                "env-secret",
                "MAILROUTE_S3_MAX_ATTEMPTS",
                "5",
                "MAILROUTE_S3_REGION",
                "eu-west-1");
        final Map<String, String> file = Map.of(
                "s3.endpoint",
                "http://file:9000",
                "s3.access.key.id",
                "file-id",
                "s3.secret.access.key",
                "file-secret");

        // when
        final S3Settings fromFile = settings(null, null, file, environment).s3Settings();
        final S3Settings fromOptions = settings("http://option:9000", "ap-northeast-1", file, environment)
                .s3Settings();

        // then
        assertThat(fromFile.endpoint()).isEqualTo(URI.create("http://file:9000"));
        assertThat(fromFile.credentials().accessKeyId()).isEqualTo("file-id");
        assertThat(fromFile.maxAttempts()).isEqualTo(5);
        assertThat(fromFile.region()).isEqualTo("eu-west-1");
        assertThat(fromOptions.endpoint()).isEqualTo(URI.create("http://option:9000"));
        assertThat(fromOptions.region()).isEqualTo("ap-northeast-1");
    }

    @Test
    void shouldUseTheDefaultCredentialsChainOnAws() {
        // when
        final S3Settings s3 = settings("aws", null, Map.of(), Map.of("AWS_REGION", "eu-central-1"))
                .s3Settings();

        // then
        assertThat(s3.endpoint()).isNull();
        assertThat(s3.pathStyleAccess()).isFalse();
        assertThat(s3.region()).isEqualTo("eu-central-1");
        assertThat(s3.credentials()).isNull();
    }

    @Test
    void shouldLeaveTheDevelopmentKeysOutWhenTheEnvironmentHoldsAwsCredentials() {
        assertThat(settings(null, null, Map.of(), Map.of("AWS_ACCESS_KEY_ID", "AKIA"))
                        .s3Settings()
                        .credentials())
                .isNull();
    }

    @Test
    void shouldNameTheKeyOfAnInvalidValue() {
        assertThatThrownBy(() -> settings(null, null, Map.of("s3.access.key.id", "only-the-id"), Map.of())
                        .s3Settings())
                .isInstanceOf(ConfigException.class)
                .hasMessageContaining("s3.secret.access.key");
    }

    @Test
    void shouldKeepTheS3KeysFromTheKafkaClients() {
        // when
        final Map<String, Object> kafka = settings(
                        null, null, Map.of("s3.secret.access.key", "s3cr3t", "security.protocol", "SSL"), Map.of())
                .kafka();

        // then
        assertThat(kafka).containsEntry("security.protocol", "SSL").doesNotContainKey("s3.secret.access.key");
    }
}
