package io.mailroute.embedded;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.TimeUnit;
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
        final Process child = new ProcessBuilder(
                        Path.of(System.getProperty("java.home"), "bin", "java").toString(),
                        "-Xmx512m",
                        "-cp",
                        System.getProperty("java.class.path"),
                        KafkaChildProcess.class.getName(),
                        dataDir.toString())
                .redirectErrorStream(true)
                .start();
        final List<String> output = new CopyOnWriteArrayList<>();
        final Thread reader = new Thread(
                () -> {
                    try (BufferedReader in =
                            new BufferedReader(new InputStreamReader(child.getInputStream(), StandardCharsets.UTF_8))) {
                        in.lines().forEach(output::add);
                    } catch (IOException e) {
                        output.add("reader failed: " + e);
                    }
                },
                "child-output");
        reader.setDaemon(true);
        reader.start();
        try {
            try {
                await().atMost(Duration.ofSeconds(60))
                        .failFast("child exited early", () -> !child.isAlive())
                        .until(() -> output.stream().anyMatch(line -> line.startsWith("READY ")));
            } catch (RuntimeException e) {
                throw new AssertionError("child not ready; its output:\n" + String.join("\n", output), e);
            }
            final String metaProperties =
                    new String(Files.readAllBytes(dataDir.resolve("meta.properties")), StandardCharsets.UTF_8);
            child.destroyForcibly(); // SIGKILL on Linux: no shutdown hooks, no clean shutdown
            assertThat(child.waitFor(30, TimeUnit.SECONDS)).isTrue();
            assertThat(child.exitValue()).isEqualTo(137);

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
        } finally {
            child.destroyForcibly();
        }
    }
}
