package io.mailroute.embedded;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.NewTopic;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.OffsetAndMetadata;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.serialization.StringSerializer;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.MethodOrderer;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestMethodOrder;
import org.junit.jupiter.api.io.TempDir;

/** A real single-node KRaft cluster: transactions, read_committed, restart on the same data directory. */
@TestMethodOrder(MethodOrderer.OrderAnnotation.class)
class EmbeddedKafkaIT {
    private static final String TOPIC = "mail.raw";
    private static final String GROUP = "it-group";

    @TempDir
    static Path dataDir;

    private static EmbeddedKafka kafka;

    @BeforeAll
    static void startCluster() {
        kafka = EmbeddedKafka.builder().dataDir(dataDir).start();
    }

    @AfterAll
    static void stopCluster() {
        if (kafka != null) {
            kafka.close();
        }
    }

    @Test
    @Order(1)
    void transactionalProduceIsReadCommitted() {
        assertThat(kafka.isRunning()).isTrue();
        assertThat(kafka.port()).isPositive();
        assertThat(kafka.bootstrapServers()).isEqualTo("127.0.0.1:" + kafka.port());
        kafka.createTopics(new NewTopic(TOPIC, 3, (short) 1));
        kafka.createTopics(new NewTopic(TOPIC, 3, (short) 1)); // idempotent

        KafkaRecords.sendInTransaction(kafka.bootstrapServers(), "tx-aborted", TOPIC, Map.of("aborted", "x"), false);
        KafkaRecords.sendInTransaction(kafka.bootstrapServers(), "tx-committed", TOPIC, committed(), true);

        final List<ConsumerRecord<String, String>> read = KafkaRecords.readCommitted(
                kafka.bootstrapServers(), GROUP, TOPIC, committed().size());
        assertThat(read)
                .extracting(ConsumerRecord::key)
                .containsExactlyInAnyOrderElementsOf(committed().keySet());
    }

    @Test
    @Order(2)
    void largeRecordsUpToTwoMegabytesFit() throws Exception {
        kafka.createTopics(new NewTopic("large", 1, (short) 1));
        final String twoMegabytes = "x".repeat(2 * 1024 * 1024);
        final Map<String, Object> config = kafka.clientConfig();
        config.put(ProducerConfig.MAX_REQUEST_SIZE_CONFIG, EmbeddedKafka.DEFAULT_MESSAGE_MAX_BYTES);
        try (KafkaProducer<String, String> producer =
                new KafkaProducer<>(config, new StringSerializer(), new StringSerializer())) {
            assertThat(producer.send(new ProducerRecord<>("large", "k", twoMegabytes))
                            .get()
                            .serializedValueSize())
                    .isEqualTo(twoMegabytes.length());
        }
    }

    @Test
    @Order(3)
    void restartOnTheSameDataDirectoryKeepsRecordsAndOffsets() throws Exception {
        final int port = kafka.port();
        final String clusterId = kafka.clusterId();

        kafka.stop();
        assertThat(kafka.isRunning()).isFalse();
        kafka.start();
        assertThat(kafka.port()).isEqualTo(port);
        assertReadable(kafka);

        // a new instance on the same directory (what `mailroute local` does after a restart)
        kafka.close();
        kafka.close(); // idempotent
        kafka = EmbeddedKafka.builder().dataDir(dataDir).start();
        assertThat(kafka.clusterId()).isEqualTo(clusterId);
        assertReadable(kafka);
        try (Admin admin = kafka.createAdmin()) {
            final Map<TopicPartition, OffsetAndMetadata> offsets = admin.listConsumerGroupOffsets(GROUP)
                    .partitionsToOffsetAndMetadata()
                    .get();
            assertThat(offsets).hasSize(3);
            assertThat(offsets.values().stream()
                            .mapToLong(OffsetAndMetadata::offset)
                            .sum())
                    .as("committed offsets include the transaction markers")
                    .isGreaterThanOrEqualTo(committed().size());
        }
    }

    private static void assertReadable(final EmbeddedKafka cluster) {
        final List<ConsumerRecord<String, String>> again = KafkaRecords.readCommitted(
                cluster.bootstrapServers(),
                "reader-" + System.nanoTime(),
                TOPIC,
                committed().size());
        assertThat(again)
                .extracting(ConsumerRecord::value)
                .containsExactlyInAnyOrderElementsOf(committed().values());
    }

    private static Map<String, String> committed() {
        final Map<String, String> records = new LinkedHashMap<>();
        for (int i = 0; i < 10; i++) {
            records.put("mail-" + i, "body-" + i);
        }
        return records;
    }
}
