package io.mailroute.embedded;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Formatting happens once per data directory. */
class KafkaStorageTest {

    @Test
    void formatsOnceAndKeepsTheClusterId(@TempDir final Path dir) throws Exception {
        final Path kafkaDir = dir.resolve("kafka");
        assertThat(KafkaStorage.isFormatted(kafkaDir)).isFalse();

        assertThat(KafkaStorage.formatIfNeeded(kafkaDir, 1, "AAAAAAAAAAAAAAAAAAAAAA", "CONTROLLER"))
                .isTrue();
        assertThat(KafkaStorage.isFormatted(kafkaDir)).isTrue();
        assertThat(kafkaDir.resolve("bootstrap.checkpoint")).isRegularFile();
        final String metaProperties = Files.readString(kafkaDir.resolve("meta.properties"));
        assertThat(metaProperties).contains("cluster.id=AAAAAAAAAAAAAAAAAAAAAA").contains("node.id=1");

        assertThat(KafkaStorage.formatIfNeeded(kafkaDir, 1, null, "CONTROLLER")).isFalse();
        assertThat(Files.readString(kafkaDir.resolve("meta.properties"))).isEqualTo(metaProperties);
    }
}
