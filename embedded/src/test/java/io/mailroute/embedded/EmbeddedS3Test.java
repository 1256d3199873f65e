package io.mailroute.embedded;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.file.Path;
import java.time.Duration;
import org.junit.jupiter.api.Test;

/** Settings of {@link EmbeddedS3}, without starting S3Proxy. */
class EmbeddedS3Test {

    @Test
    void defaults() {
        final EmbeddedS3 s3 = EmbeddedS3.builder().build();
        assertThat(s3.accessKey()).isEqualTo(EmbeddedS3.DEFAULT_ACCESS_KEY);
        assertThat(s3.secretKey()).isEqualTo(EmbeddedS3.DEFAULT_SECRET_KEY);
        assertThat(s3.dataDir()).isEmpty();
        assertThat(s3.isRunning()).isFalse();
        assertThatThrownBy(s3::endpoint).isInstanceOf(IllegalStateException.class);
    }

    @Test
    void filesystemStoreAndCredentials() {
        final EmbeddedS3 s3 = EmbeddedS3.builder()
                .dataDir(Path.of("s3-data"))
                .credentials("key", "secret")
                .build();
        assertThat(s3.dataDir()).contains(Path.of("s3-data").toAbsolutePath());
        assertThat(s3.accessKey()).isEqualTo("key");
        assertThat(s3.secretKey()).isEqualTo("secret");
    }

    @Test
    void rejectsInvalidSettings() {
        assertThatThrownBy(() -> EmbeddedS3.builder().port(70_000)).isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> EmbeddedS3.builder().credentials("", "x"))
                .isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> EmbeddedS3.builder().stopTimeout(Duration.ofSeconds(-1)))
                .isInstanceOf(IllegalArgumentException.class);
    }
}
