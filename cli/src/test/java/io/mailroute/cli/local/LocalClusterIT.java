package io.mailroute.cli.local;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import io.mailroute.embedded.ConnectRestClient;
import io.mailroute.embedded.ConnectorStatus;
import io.mailroute.runtime.status.StatusServer;
import io.mailroute.stack.ClusterFile;
import io.mailroute.stack.ClusterSize;
import io.mailroute.stack.LocalCluster;
import io.mailroute.stack.MailrouteStack;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Path;
import java.time.Duration;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.function.UnaryOperator;
import java.util.stream.Stream;
import org.apache.kafka.clients.CommonClientConfigs;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.TopicDescription;
import org.apache.kafka.common.Node;
import org.apache.kafka.common.config.ConfigResource;
import org.apache.kafka.common.config.TopicConfig;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** {@code mailroute local --brokers 3 --workers 2 --instances 2}: every process in its own JVM, one cluster. */
class LocalClusterIT {
    private static final Duration FLOW_TIMEOUT = Duration.ofSeconds(120);

    @TempDir
    Path dataDir;

    @Test
    void shouldRunThreeBrokersTwoWorkersAndTwoInstancesAsOnePipeline() throws Exception {
        // given
        final LocalCluster.Settings settings = new LocalCluster.Settings(
                new ClusterSize(3, 2, 2),
                dataDir,
                "127.0.0.1",
                0,
                0,
                0,
                Optional.of(StatusServer.Settings.local().withBinding("127.0.0.1", 0)));
        // the instances' global stores know the demo owners when they start
        final UnaryOperator<MailrouteStack.Builder> options =
                stack -> stack.dataDir(dataDir).partitions(2).beforeApp(client -> {
                    final DemoData demo = new DemoData(client, dataDir.resolve("demo"));
                    demo.publishOwners();
                    demo.publishContacts();
                });
        final List<ProcessHandle> children;

        // when
        try (LocalCluster cluster = LocalCluster.start(settings, options, step -> {})) {
            final ClusterFile file = ClusterFile.read(dataDir);
            children = Stream.of(
                            file.brokers().stream().map(ClusterFile.Broker::pid),
                            file.workers().stream().map(ClusterFile.Worker::pid),
                            file.instances().stream().map(ClusterFile.Instance::pid))
                    .flatMap(pids -> pids)
                    .map(pid -> ProcessHandle.of(pid).orElseThrow())
                    .toList();

            // then
            assertThat(file).isEqualTo(cluster.processes());
            assertThat(file.brokers()).extracting(ClusterFile.Broker::id).containsExactly(1, 2, 3);
            assertThat(children).hasSize(7).allMatch(ProcessHandle::isAlive);
            assertThat(children.stream().map(ProcessHandle::pid).distinct()).hasSize(7);
            assertBrokersReplicateTheTopics(file);
            assertOneConnectGroup(file);
            assertThat(file.instances())
                    .allSatisfy(instance -> assertThat(
                                    status(URI.create(instance.statusUrl()).resolve("readyz")))
                            .isEqualTo(200));

            final DemoData demo = new DemoData(cluster.stack().client(), dataDir.resolve("demo"));
            demo.awaitTerminal(demo.uploadMails(), FLOW_TIMEOUT);
            assertThat(LaneContents.read(cluster.stack().client()).mails()).isEqualTo(DemoLanes.EXPECTED);
        }

        // then
        assertThat(children).noneMatch(ProcessHandle::isAlive);
    }

    private static void assertBrokersReplicateTheTopics(final ClusterFile file) throws Exception {
        final String lastBroker = "127.0.0.1:" + file.brokers().get(2).port();
        try (Admin admin = Admin.create(Map.of(CommonClientConfigs.BOOTSTRAP_SERVERS_CONFIG, lastBroker))) {
            assertThat(admin.describeCluster().nodes().get())
                    .extracting(Node::port)
                    .containsExactlyInAnyOrderElementsOf(file.brokers().stream()
                            .map(ClusterFile.Broker::port)
                            .toList());
            final TopicDescription raw = admin.describeTopics(List.of("mail.raw"))
                    .allTopicNames()
                    .get()
                    .get("mail.raw");
            assertThat(raw.partitions())
                    .allSatisfy(p -> assertThat(p.replicas()).hasSize(3));
            final ConfigResource resource = new ConfigResource(ConfigResource.Type.TOPIC, "mail.raw");
            assertThat(admin.describeConfigs(List.of(resource))
                            .all()
                            .get()
                            .get(resource)
                            .get(TopicConfig.MIN_IN_SYNC_REPLICAS_CONFIG)
                            .value())
                    .isEqualTo("2");
        }
    }

    /** Both workers run connectors or tasks of the connectors the first one was given. */
    private static void assertOneConnectGroup(final ClusterFile file) {
        final ConnectRestClient rest =
                new ConnectRestClient(URI.create(file.workers().get(1).url()));
        final Set<String> workers = new HashSet<>();
        for (final ClusterFile.Worker worker : file.workers()) {
            final URI url = URI.create(worker.url());
            workers.add(url.getHost() + ":" + url.getPort());
        }
        await("connectors on both workers").atMost(FLOW_TIMEOUT).untilAsserted(() -> {
            final Set<String> running = new HashSet<>();
            for (final String connector : rest.connectors()) {
                final ConnectorStatus status = rest.status(connector);
                running.add(status.workerId());
                status.tasks().forEach(task -> running.add(task.workerId()));
            }
            assertThat(running).isEqualTo(workers);
        });
    }

    private static int status(final URI uri) throws Exception {
        return HttpClient.newHttpClient()
                .send(HttpRequest.newBuilder(uri).build(), HttpResponse.BodyHandlers.discarding())
                .statusCode();
    }
}
