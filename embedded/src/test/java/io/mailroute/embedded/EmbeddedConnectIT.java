package io.mailroute.embedded;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import io.mailroute.embedded.testconnect.CountingSourceConnector;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.stream.Collectors;
import java.util.stream.LongStream;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.NewTopic;
import org.apache.kafka.clients.admin.TransactionListing;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/** The real distributed Connect runtime with exactly-once source support, restarts and two workers. */
class EmbeddedConnectIT {
    private static final Duration TIMEOUT = Duration.ofSeconds(60);

    private static EmbeddedKafka kafka;

    @BeforeAll
    static void startKafka() {
        kafka = EmbeddedKafka.builder().start();
    }

    @AfterAll
    static void stopKafka() {
        if (kafka != null) {
            kafka.close();
        }
    }

    @Test
    void exactlyOnceSourceConnectorResumesOnANewWorker() throws Exception {
        kafka.createTopics(new NewTopic("counted", 1, (short) 1));
        final EmbeddedConnect.Builder worker = EmbeddedConnect.builder()
                .bootstrapServers(kafka.bootstrapServers())
                .groupId("eos")
                .exactlyOnce(true);
        final Map<String, String> config = Map.of(
                "connector.class", CountingSourceConnector.class.getName(),
                "tasks.max", "1",
                "topic", "counted",
                "batch.size", "5",
                "exactly.once.support", "required",
                "transaction.boundary", "poll");

        try (EmbeddedConnect first = worker.start()) {
            assertThat(first.workerProperties()).containsEntry("exactly.once.source.support", "enabled");
            assertThat(first.restUrl().toString()).isEqualTo("http://127.0.0.1:" + first.restPort());
            final ConnectRestClient rest = first.rest();
            assertThat(rest.putConnectorConfig("counter", config)).isTrue();
            rest.awaitRunning("counter", 1, TIMEOUT);
            assertThat(rest.putConnectorConfig("counter", config))
                    .as("second PUT updates")
                    .isFalse();
            final ConnectorStatus running = rest.awaitRunning("counter", 1, TIMEOUT);
            assertThat(running.type()).isEqualTo("source");
            assertThat(rest.taskStates("counter"))
                    .extracting(ConnectorStatus.TaskStatus::workerId)
                    .containsOnly(first.restUrl().getHost() + ":" + first.restPort());
            awaitCommittedRecords("counted", 20);
            try (Admin admin = kafka.createAdmin()) {
                assertThat(admin.listTransactions().all().get())
                        .extracting(TransactionListing::transactionalId)
                        .as("the task writes through a transactional producer")
                        .contains("eos-counter-0");
            }
        }
        final int beforeRestart =
                KafkaRecords.readAll(kafka.bootstrapServers(), "counted").size();

        try (EmbeddedConnect second = worker.start()) {
            final ConnectRestClient rest = second.rest();
            assertThat(rest.connectors()).containsExactly("counter");
            rest.awaitRunning("counter", 1, TIMEOUT);
            awaitCommittedRecords("counted", beforeRestart + 20);

            rest.pause("counter");
            rest.awaitStatus(
                    "counter",
                    s -> ConnectorStatus.PAUSED.equals(s.state())
                            && s.tasks().stream().allMatch(t -> ConnectorStatus.PAUSED.equals(t.state())),
                    "paused",
                    TIMEOUT);
            final List<ConsumerRecord<String, String>> all = KafkaRecords.readAll(kafka.bootstrapServers(), "counted");
            assertThat(all)
                    .extracting(r -> Long.parseLong(r.value()))
                    .as("exactly once across the restart: no duplicate, no gap")
                    .containsExactlyElementsOf(
                            LongStream.range(0, all.size()).boxed().toList());

            rest.resume("counter");
            rest.awaitRunning("counter", 1, TIMEOUT);
            rest.deleteConnector("counter");
            await().atMost(TIMEOUT)
                    .until(() -> rest.connectors().isEmpty()
                            && rest.findStatus("counter").isEmpty());
        }
    }

    @Test
    void twoWorkersInOneJvmShareTheWork() {
        kafka.createTopics(new NewTopic("paired", 2, (short) 1));
        final EmbeddedConnect.Builder worker = EmbeddedConnect.builder()
                .bootstrapServers(kafka.bootstrapServers())
                .groupId("pair")
                .workerProperty("scheduled.rebalance.max.delay.ms", "1000");
        try (EmbeddedConnect one = worker.start();
                EmbeddedConnect two = worker.start()) {
            assertThat(one.restPort()).isNotEqualTo(two.restPort());
            // sent to the second worker, which forwards it to the leader (Connect's Jetty HTTP client)
            two.rest()
                    .putConnectorConfig(
                            "pair-counter",
                            Map.of(
                                    "connector.class", CountingSourceConnector.class.getName(),
                                    "tasks.max", "2",
                                    "topic", "paired"));
            final ConnectorStatus running = two.rest().awaitRunning("pair-counter", 2, TIMEOUT);
            final Set<String> workers = running.tasks().stream()
                    .map(ConnectorStatus.TaskStatus::workerId)
                    .collect(Collectors.toSet());
            workers.add(running.workerId());
            assertThat(workers)
                    .as("connector and tasks spread over both workers")
                    .hasSize(2);

            one.stop();
            final String survivor = two.restUrl().getHost() + ":" + two.restPort();
            final ConnectorStatus moved = two.rest()
                    .awaitStatus(
                            "pair-counter",
                            s -> s.isRunning(2)
                                    && survivor.equals(s.workerId())
                                    && s.tasks().stream().allMatch(t -> survivor.equals(t.workerId())),
                            "everything on " + survivor,
                            TIMEOUT);
            assertThat(moved.tasks()).hasSize(2);
            awaitCommittedRecords("paired", 20);
        }
    }

    private static void awaitCommittedRecords(final String topic, final int atLeast) {
        await().atMost(TIMEOUT)
                .pollInterval(Duration.ofMillis(250))
                .until(() ->
                        KafkaRecords.readAll(kafka.bootstrapServers(), topic).size() >= atLeast);
    }
}
