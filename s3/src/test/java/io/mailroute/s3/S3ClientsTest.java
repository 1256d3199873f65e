package io.mailroute.s3;

import static org.assertj.core.api.Assertions.assertThat;

import java.net.URI;
import java.time.Duration;
import org.junit.jupiter.api.Test;
import software.amazon.awssdk.auth.credentials.AwsBasicCredentials;
import software.amazon.awssdk.auth.credentials.DefaultCredentialsProvider;
import software.amazon.awssdk.auth.credentials.StaticCredentialsProvider;
import software.amazon.awssdk.core.client.config.ClientOverrideConfiguration;
import software.amazon.awssdk.regions.Region;
import software.amazon.awssdk.services.s3.S3Client;

class S3ClientsTest {

    @Test
    void shouldBuildTheClientTheSettingsDescribe() {
        // given
        final S3Settings settings = S3Settings.forEndpoint(
                        URI.create("http://127.0.0.1:9000"), "eu-west-1", AwsBasicCredentials.create("AKIA", "s3cr3t"))
                .withMaxAttempts(7)
                .withApiCallTimeout(Duration.ofSeconds(20))
                .withApiCallAttemptTimeout(Duration.ofSeconds(5));

        // when
        try (S3Client client = S3Clients.create(settings)) {
            final ClientOverrideConfiguration overrides =
                    client.serviceClientConfiguration().overrideConfiguration();

            // then
            assertThat(client.serviceClientConfiguration().endpointOverride())
                    .contains(URI.create("http://127.0.0.1:9000"));
            assertThat(client.serviceClientConfiguration().region()).isEqualTo(Region.EU_WEST_1);
            assertThat(overrides.retryStrategy())
                    .hasValueSatisfying(
                            strategy -> assertThat(strategy.maxAttempts()).isEqualTo(7));
            assertThat(overrides.apiCallTimeout()).contains(Duration.ofSeconds(20));
            assertThat(overrides.apiCallAttemptTimeout()).contains(Duration.ofSeconds(5));
        }
    }

    @Test
    void shouldUseTheStaticCredentialsOrElseTheDefaultChain() {
        // given
        final S3Settings withKeys = S3Settings.forEndpoint(
                URI.create("http://127.0.0.1:9000"), "us-east-1", AwsBasicCredentials.create("AKIA", "s3cr3t"));

        // when / then
        assertThat(S3Clients.credentialsProvider(withKeys)).isInstanceOf(StaticCredentialsProvider.class);
        assertThat(S3Clients.credentialsProvider(withKeys.withCredentials(null)))
                .isInstanceOf(DefaultCredentialsProvider.class);
    }
}
