package io.mailroute.embedded;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.OffsetAndMetadata;
import org.apache.kafka.common.TopicPartition;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** A data directory whose process was killed with SIGKILL starts again without re-formatting. */
class EmbeddedKafkaKillIT {
    @TempDir
    Path dataDir;

    @Test
    void survivesKillMinusNine() throws Exception {
        try (ChildJvm child = ChildJvm.builder("kafka-child", KafkaChildProcess.class, "READY ")
                .args(dataDir.toString())
                .build()) {
            child.start(Duration.ofSeconds(60));
            final String metaProperties =
                    new String(Files.readAllBytes(dataDir.resolve("meta.properties")), StandardCharsets.UTF_8);
            child.kill(); // SIGKILL on Linux: no shutdown hooks, no clean shutdown
            assertThat(child.isAlive()).isFalse();

            try (EmbeddedKafka kafka = EmbeddedKafka.builder().dataDir(dataDir).start()) {
                assertThat(metaProperties).as("not formatted again").contains("cluster.id=" + kafka.clusterId());
                final List<ConsumerRecord<String, String>> records = KafkaRecords.readCommitted(
                        kafka.bootstrapServers(), "after-kill", KafkaChildProcess.TOPIC, KafkaChildProcess.RECORDS);
                assertThat(records).hasSize(KafkaChildProcess.RECORDS);
                try (Admin admin = kafka.createAdmin()) {
                    final Map<TopicPartition, OffsetAndMetadata> offsets = admin.listConsumerGroupOffsets("child-group")
                            .partitionsToOffsetAndMetadata()
                            .get();
                    assertThat(offsets).isNotEmpty();
                }
            }
        }
    }
}
