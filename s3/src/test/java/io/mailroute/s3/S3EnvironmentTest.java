package io.mailroute.s3;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.Map;
import org.junit.jupiter.api.Test;

class S3EnvironmentTest {

    @Test
    void shouldNameOneVariablePerKey() {
        assertThat(S3Environment.variable(S3ConfigFragment.ENDPOINT_CONFIG)).isEqualTo("MAILROUTE_S3_ENDPOINT");
        assertThat(S3Environment.variable(S3ConfigFragment.ACCESS_KEY_ID_CONFIG))
                .isEqualTo("MAILROUTE_S3_ACCESS_KEY_ID");
        assertThat(S3Environment.variables())
                .hasSize(S3ConfigFragment.KEYS.size() + 1)
                .contains("MAILROUTE_S3_SECRET_ACCESS_KEY", "MAILROUTE_S3_API_CALL_TIMEOUT_MS", "AWS_REGION");
    }

    @Test
    void shouldMapTheVariablesSetOntoTheKeys() {
        // when
        final Map<String, String> props = S3Environment.properties(Map.of(
                "MAILROUTE_S3_ENDPOINT",
                "http://minio:9000",
                "MAILROUTE_S3_ACCESS_KEY_ID",
                "mailroute",
                "MAILROUTE_S3_BUCKET",
                "not-a-client-key",
                "PATH",
                "/bin"));

        // then
        assertThat(props)
                .containsOnly(
                        Map.entry("s3.endpoint", "http://minio:9000"), Map.entry("s3.access.key.id", "mailroute"));
    }

    @Test
    void shouldTakeTheRegionFromAwsRegionUnlessItsOwnVariableIsSet() {
        assertThat(S3Environment.properties(Map.of("AWS_REGION", "eu-central-1")))
                .containsEntry(S3ConfigFragment.REGION_CONFIG, "eu-central-1");
        assertThat(S3Environment.properties(
                        Map.of("AWS_REGION", "eu-central-1", "MAILROUTE_S3_REGION", "ap-northeast-1")))
                .containsEntry(S3ConfigFragment.REGION_CONFIG, "ap-northeast-1");
    }
}
