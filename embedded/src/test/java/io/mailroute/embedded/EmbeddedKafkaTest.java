package io.mailroute.embedded;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Configuration of {@link EmbeddedKafka}, without starting a broker. */
class EmbeddedKafkaTest {

    @Test
    void defaultsSuitForOneNode(@TempDir final Path dir) {
        try (EmbeddedKafka kafka = EmbeddedKafka.builder().dataDir(dir).build()) {
            final Map<String, String> props = kafka.brokerProperties();
            assertThat(props)
                    .containsEntry("process.roles", "broker,controller")
                    .containsEntry("node.id", "1")
                    .containsEntry("controller.listener.names", "CONTROLLER")
                    .containsEntry("log.dirs", dir.toAbsolutePath().toString())
                    .containsEntry("metadata.log.dir", dir.toAbsolutePath().toString())
                    .containsEntry("offsets.topic.replication.factor", "1")
                    .containsEntry("transaction.state.log.replication.factor", "1")
                    .containsEntry("transaction.state.log.min.isr", "1")
                    .containsEntry("min.insync.replicas", "1")
                    .containsEntry("group.initial.rebalance.delay.ms", "0")
                    .containsEntry("auto.create.topics.enable", "false")
                    .containsEntry("message.max.bytes", Integer.toString(EmbeddedKafka.DEFAULT_MESSAGE_MAX_BYTES));
            assertThat(EmbeddedKafka.DEFAULT_MESSAGE_MAX_BYTES).isGreaterThan(2 * 1024 * 1024);
            assertThat(kafka.dataDir()).isEqualTo(dir.toAbsolutePath());
        }
    }

    @Test
    void extraPropertiesOverrideDefaults() {
        try (EmbeddedKafka kafka = EmbeddedKafka.builder()
                .brokerProperty("auto.create.topics.enable", "true")
                .brokerProperties(Map.of("log.retention.hours", "1"))
                .build()) {
            assertThat(kafka.brokerProperties())
                    .containsEntry("auto.create.topics.enable", "true")
                    .containsEntry("log.retention.hours", "1");
        }
    }

    @Test
    void aNodeOfThreeNamesEveryVoterAndReplicatesThreeTimes() {
        try (EmbeddedKafka kafka = EmbeddedKafka.builder()
                .port(19092)
                .quorum(2, Map.of(1, 19093, 2, 19095, 3, 19097))
                .build()) {
            assertThat(kafka.brokerProperties())
                    .containsEntry("node.id", "2")
                    .containsEntry("controller.quorum.voters", "1@127.0.0.1:19093,2@127.0.0.1:19095,3@127.0.0.1:19097")
                    .containsEntry("listeners", "PLAINTEXT://127.0.0.1:19092,CONTROLLER://127.0.0.1:19095")
                    .containsEntry("offsets.topic.replication.factor", "3")
                    .containsEntry("transaction.state.log.replication.factor", "3")
                    .containsEntry("transaction.state.log.min.isr", "2")
                    .containsEntry("default.replication.factor", "3")
                    .containsEntry("min.insync.replicas", "2");
            assertThat(kafka.clusterSize()).isEqualTo(3);
        }
    }

    @Test
    void aQuorumMustHoldTheNodeAndEveryControllerPort() {
        assertThatThrownBy(() -> EmbeddedKafka.builder().quorum(4, Map.of(1, 19093, 2, 19095)))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("lacks node 4");
        assertThatThrownBy(() -> EmbeddedKafka.builder().quorum(1, Map.of(1, 19093, 2, 0)))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("controller port");
    }

    @Test
    void fixedPortsAppearInListenersAndQuorum() {
        try (EmbeddedKafka kafka =
                EmbeddedKafka.builder().port(19092).controllerPort(19093).build()) {
            assertThat(kafka.brokerProperties())
                    .containsEntry("listeners", "PLAINTEXT://127.0.0.1:19092,CONTROLLER://127.0.0.1:19093")
                    .containsEntry("advertised.listeners", "PLAINTEXT://127.0.0.1:19092")
                    .containsEntry("controller.quorum.voters", "1@127.0.0.1:19093");
        }
    }

    @Test
    void temporaryDirectoryIsDeletedOnCloseAndCloseIsIdempotent() {
        final EmbeddedKafka kafka = EmbeddedKafka.builder().build();
        final Path dir = kafka.dataDir();
        assertThat(dir).isDirectory();
        kafka.close();
        kafka.close();
        assertThat(Files.exists(dir)).isFalse();
        assertThatThrownBy(kafka::start)
                .isInstanceOf(IllegalStateException.class)
                .hasMessageContaining("closed");
    }

    @Test
    void portsAreUnknownBeforeStart() {
        try (EmbeddedKafka kafka = EmbeddedKafka.builder().build()) {
            assertThat(kafka.isRunning()).isFalse();
            assertThatThrownBy(kafka::bootstrapServers).isInstanceOf(IllegalStateException.class);
            assertThatThrownBy(kafka::clusterId).isInstanceOf(IllegalStateException.class);
        }
    }

    @Test
    void rejectsInvalidPorts() {
        assertThatThrownBy(() -> EmbeddedKafka.builder().port(-1)).isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> EmbeddedKafka.builder().controllerPort(65_536))
                .isInstanceOf(IllegalArgumentException.class);
    }
}
