package io.mailroute.cli.reliability;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;
import static org.awaitility.Awaitility.await;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.mailroute.avro.Lane;
import io.mailroute.avro.Outcome;
import io.mailroute.cli.Mailroute;
import io.mailroute.cli.bench.GeneratedMail;
import io.mailroute.embedded.ConnectRestClient;
import io.mailroute.embedded.ConnectorStatus;
import io.mailroute.runtime.client.ClientSettings;
import io.mailroute.runtime.client.LocalDefaults;
import io.mailroute.runtime.status.StatusServer;
import io.mailroute.stack.ClusterFile;
import io.mailroute.stack.ClusterSize;
import io.mailroute.stack.LocalCluster;
import io.mailroute.stack.MailrouteStack;
import java.io.IOException;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.net.URI;
import java.net.URLEncoder;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Duration;
import java.util.EnumMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Queue;
import java.util.Random;
import java.util.Set;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.TimeUnit;
import java.util.function.UnaryOperator;
import java.util.stream.Stream;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.TopicDescription;
import org.apache.kafka.common.Node;
import org.apache.kafka.common.config.ConfigResource;
import org.apache.kafka.common.config.TopicConfig;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.CleanupMode;
import org.junit.jupiter.api.io.TempDir;
import picocli.CommandLine;

/**
 * {@code mailroute local --brokers 3 --workers 2 --instances 3}, every process in a JVM of its own:
 * the processes are the ones {@code cluster.json} names, the topics are replicated and both workers
 * run connectors. Then, while mail flows from S3, the topology instance hosting a routed mail's status
 * and the broker leading a {@code mail.raw} partition are killed with SIGKILL; every mail still lands
 * exactly once with a terminal status, each survivor answers that mail's status and shows the lanes
 * of all instances, the time from each kill to the next routed mail is printed, and {@code bench
 * --cluster} reports what each survivor consumed.
 */
@Tag("integration")
class ClusterFailoverIT {
    private static final Scale SCALE = Scale.current();
    private static final long SEED = 20_261_206L;
    private static final String HOST = "127.0.0.1";
    private static final Duration FLOW_TIMEOUT = Duration.ofMinutes(2);
    private static final HttpClient HTTP = HttpClient.newHttpClient();
    private static final ObjectMapper JSON = new ObjectMapper();
    private static final int BENCH_MAILS = 200;

    // a failed run keeps the children's logs in cluster/logs/
    @TempDir(cleanup = CleanupMode.ON_SUCCESS)
    Path dataDir;

    @Test
    void shouldLoseAndDoubleNothingWhenAnInstanceAndABrokerAreKilledWhileMailFlows() throws Exception {
        // given
        final LocalCluster.Settings settings = new LocalCluster.Settings(
                new ClusterSize(3, 2, 3),
                dataDir,
                HOST,
                0,
                0,
                0,
                Optional.of(StatusServer.Settings.local().withBinding(HOST, 0)));
        // the instances' global stores know every owner before mail flows
        final UnaryOperator<MailrouteStack.Builder> options = stack -> stack.dataDir(dataDir)
                .partitions(3)
                .beforeApp(client -> ReliabilityMails.publishAccounts(client, SEED));
        final List<GeneratedMail> mails = ReliabilityMails.mixed(SEED, SCALE.clusterMails, SCALE.sizes);
        final Random random = new Random(SEED);
        final List<ProcessHandle> children;
        final Queue<String> progress = new ConcurrentLinkedQueue<>();

        try (LocalCluster cluster = LocalCluster.start(settings, options, progress::add)) {
            final ClusterFile file = ClusterFile.read(dataDir);
            children = processes(file);
            try {
                assertOneCluster(cluster, file, children);
                final ClientSettings client = cluster.stack().client();

                // when
                final Kill instanceKill;
                final Kill brokerKill;
                final String hostedMail;
                final ClusterFile.Instance deadInstance;
                final OutcomeLedger ledger;
                try (LaneArrivals arrivals = new LaneArrivals(client);
                        MailFeeder feeder = new MailFeeder(client.s3(), mails, SCALE.clusterRate)) {
                    feeder.start();
                    awaitUploads(feeder, random, 0.20, 0.35);
                    hostedMail = routedMail(feeder, arrivals);
                    deadInstance = hostOf(file, hostedMail);
                    instanceKill = Kill.of(deadInstance.pid(), feeder);
                    awaitUploads(feeder, random, 0.55, 0.70);
                    final ClusterFile.Broker deadBroker = leaderOfTheFirstRawPartition(client, file);
                    brokerKill = Kill.of(deadBroker.pid(), feeder);
                    feeder.awaitDone(Duration.ofMinutes(5));
                    ledger = awaitEveryMailAccountedFor(client, arrivals, feeder.uploadedKeys());
                    System.out.printf(
                            "cluster failover (%s): %d mails at %d/s -> %s%n  before the kills: longest put->lane %d ms%n"
                                    + "  %s%n  %s%n",
                            SCALE,
                            feeder.total(),
                            SCALE.clusterRate,
                            ledger.summary(),
                            longestWait(arrivals, feeder, 0, instanceKill.at()),
                            instanceKill.report(progress, arrivals, feeder, brokerKill.at()),
                            brokerKill.report(progress, arrivals, feeder, Long.MAX_VALUE));
                }

                // then
                assertThat(ledger.duplicates()).as("lane records written twice").isEmpty();
                assertThat(ledger.statusOf(hostedMail).getOutcome()).isNotEqualTo(Outcome.IN_PROGRESS);
                final List<ClusterFile.Instance> survivors = file.instances().stream()
                        .filter(instance -> !instance.equals(deadInstance))
                        .toList();
                for (final ClusterFile.Instance survivor : survivors) {
                    await("status of " + hostedMail + " from " + survivor.statusUrl())
                            .atMost(FLOW_TIMEOUT)
                            .untilAsserted(() -> assertThat(outcomeFrom(survivor, survivors, hostedMail))
                                    .isEqualTo(ledger.statusOf(hostedMail)
                                            .getOutcome()
                                            .name()));
                    await("lanes of all instances on " + survivor.statusUrl())
                            .atMost(FLOW_TIMEOUT)
                            .untilAsserted(
                                    () -> assertThat(laneCounts(survivor)).isEqualTo(ledger.laneRecords()));
                }
                assertBenchReportsTheSurvivors(cluster, deadInstance);
            } catch (AssertionError | RuntimeException e) {
                throw new AssertionError(e.getMessage() + "\n" + cluster.childOutput(40), e);
            }
        }

        // then
        assertThat(children).noneMatch(ProcessHandle::isAlive);
    }

    private static List<ProcessHandle> processes(final ClusterFile file) {
        return Stream.of(
                        file.brokers().stream().map(ClusterFile.Broker::pid),
                        file.workers().stream().map(ClusterFile.Worker::pid),
                        file.instances().stream().map(ClusterFile.Instance::pid))
                .flatMap(pids -> pids)
                .map(pid -> ProcessHandle.of(pid).orElseThrow())
                .toList();
    }

    private static void assertOneCluster(
            final LocalCluster cluster, final ClusterFile file, final List<ProcessHandle> children) throws Exception {
        assertThat(file).isEqualTo(cluster.processes());
        assertThat(file.brokers()).extracting(ClusterFile.Broker::id).containsExactly(1, 2, 3);
        assertThat(children).hasSize(8).allMatch(ProcessHandle::isAlive);
        assertThat(children.stream().map(ProcessHandle::pid).distinct()).hasSize(8);
        assertBrokersReplicateTheTopics(file);
        assertOneConnectGroup(file);
        assertThat(file.instances())
                .allSatisfy(instance -> assertThat(
                                get(URI.create(instance.statusUrl()).resolve("readyz"))
                                        .statusCode())
                        .isEqualTo(200));
    }

    private static void assertBrokersReplicateTheTopics(final ClusterFile file) throws Exception {
        final String lastBroker = HOST + ":" + file.brokers().get(2).port();
        try (Admin admin = Admin.create(Map.of("bootstrap.servers", lastBroker))) {
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

    /**
     * {@code mailroute bench --cluster --cluster-file ... --phases instances}: the cluster's own connector
     * and instances carry the bench's mails, and each instance's part comes from its {@code /metrics};
     * the dead one is reported unreachable.
     */
    private void assertBenchReportsTheSurvivors(final LocalCluster cluster, final ClusterFile.Instance dead)
            throws Exception {
        final StringWriter out = new StringWriter();
        final CommandLine commandLine = Mailroute.commandLine();
        commandLine.setOut(new PrintWriter(out));

        final int exitCode = commandLine.execute(
                "bench",
                "--cluster",
                "--bootstrap-server",
                cluster.bootstrapServers(),
                "--schema-registry",
                cluster.stack().client().schemaRegistry(),
                // the S3 endpoint and keys the instances are given
                "--config",
                dataDir.resolve("cluster").resolve("instance.properties").toString(),
                "--s3-bucket",
                LocalDefaults.BUCKET,
                "--connect-url",
                cluster.processes().workers().get(0).url(),
                "--cluster-file",
                dataDir.resolve(ClusterFile.NAME).toString(),
                "--phases",
                "instances",
                "--mails",
                Integer.toString(BENCH_MAILS),
                "--rate",
                "400");

        assertThat(exitCode).as(out.toString()).isZero();
        final JsonNode phase = JSON.readTree(out.toString()).path("instances");
        assertThat(phase.path("mails").asLong()).isEqualTo(BENCH_MAILS);
        assertThat(phase.path("processed").asLong()).isEqualTo(BENCH_MAILS);
        assertThat(phase.path("mailsPerSec").asDouble()).isPositive();
        final JsonNode instances = phase.path("instances");
        assertThat(instances)
                .extracting(instance -> instance.path("pid").asLong())
                .containsExactlyElementsOf(cluster.processes().instances().stream()
                        .map(ClusterFile.Instance::pid)
                        .toList());
        for (final JsonNode instance : instances) {
            if (instance.path("pid").asLong() == dead.pid()) {
                assertThat(instance.path("reachable").asBoolean()).isFalse();
            } else {
                assertThat(instance.path("reachable").asBoolean()).isTrue();
                assertThat(instance.path("mails").asLong()).isPositive();
                assertThat(instance.path("mailsPerSec").asDouble()).isPositive();
            }
        }
        // each mail is consumed once, unless a rebalance aborts a transaction: its records are read again,
        // at most one commit interval's worth per task, far from the double a second count would give
        final long consumed = phase.path("consumedByInstances").asLong();
        assertThat(consumed).isBetween((long) BENCH_MAILS, BENCH_MAILS * 3L / 2);
        long sum = 0;
        double shares = 0;
        for (final JsonNode instance : instances) {
            if (!instance.path("reachable").asBoolean()) {
                continue;
            }
            sum += instance.path("mails").asLong();
            shares += instance.path("sharePercent").asDouble();
        }
        assertThat(sum).isEqualTo(consumed);
        assertThat(shares).isCloseTo(100, within(0.05));
        System.out.println("bench --cluster, instances phase: " + phase);
    }

    /** Waits until a random share of the mail in [from, to) is uploaded. */
    private static void awaitUploads(final MailFeeder feeder, final Random random, final double from, final double to) {
        final int at = (int) (feeder.total() * (from + random.nextDouble() * (to - from)));
        await("upload reaches " + at).atMost(Duration.ofMinutes(5)).until(() -> feeder.uploaded() >= at);
    }

    /** A mail of the feeder's that has reached a lane, so that its status is in some instance's store. */
    private static String routedMail(final MailFeeder feeder, final LaneArrivals arrivals) {
        final String[] routed = new String[1];
        await("a routed mail").atMost(FLOW_TIMEOUT).until(() -> {
            final Set<String> seen = arrivals.seen();
            routed[0] = feeder.uploadedKeys().stream()
                    .filter(seen::contains)
                    .sorted()
                    .findFirst()
                    .orElse(null);
            return routed[0] != null;
        });
        return routed[0];
    }

    /** The instance whose store holds {@code mailId}'s status: the first instance answers it or redirects there. */
    private static ClusterFile.Instance hostOf(final ClusterFile file, final String mailId) throws Exception {
        final ClusterFile.Instance first = file.instances().get(0);
        final HttpResponse<String> answer = get(statusUri(first, mailId));
        if (answer.statusCode() == 200) {
            return first;
        }
        assertThat(answer.statusCode()).as(answer.body()).isEqualTo(307);
        final URI location = URI.create(answer.headers().firstValue("Location").orElseThrow());
        return redirectedTo(location, file.instances())
                .orElseThrow(() -> new AssertionError("redirected to no instance: " + location));
    }

    /** The one of {@code instances} whose status server a redirect to {@code location} points at. */
    private static Optional<ClusterFile.Instance> redirectedTo(
            final URI location, final List<ClusterFile.Instance> instances) {
        return instances.stream()
                .filter(instance -> URI.create(instance.statusUrl()).getPort() == location.getPort())
                .findFirst();
    }

    private static ClusterFile.Broker leaderOfTheFirstRawPartition(final ClientSettings client, final ClusterFile file)
            throws Exception {
        try (Admin admin = Admin.create(client.admin())) {
            final int leader = admin.describeTopics(List.of("mail.raw"))
                    .allTopicNames()
                    .get()
                    .get("mail.raw")
                    .partitions()
                    .get(0)
                    .leader()
                    .id();
            return file.brokers().stream()
                    .filter(broker -> broker.id() == leader)
                    .findFirst()
                    .orElseThrow();
        }
    }

    private static OutcomeLedger awaitEveryMailAccountedFor(
            final ClientSettings client, final LaneArrivals arrivals, final Set<String> uploaded) {
        // watching is cheap; reading the whole ledger would take CPU from the cluster while it catches up
        await("every mail on a lane, the retry topic or the DLQ")
                .atMost(Duration.ofMinutes(5))
                .pollInterval(Duration.ofSeconds(1))
                .until(() -> arrivals.settledAll(uploaded));
        return OutcomeLedger.awaitAccountedFor(client, uploaded, Duration.ofMinutes(5), Duration.ofSeconds(5));
    }

    /**
     * The outcome {@code survivor} gives for {@code mailId}, following a redirect to another survivor; a
     * redirect to the dead instance (before the group has moved its tasks) fails the attempt.
     */
    private static String outcomeFrom(
            final ClusterFile.Instance survivor, final List<ClusterFile.Instance> survivors, final String mailId)
            throws Exception {
        HttpResponse<String> answer = get(statusUri(survivor, mailId));
        if (answer.statusCode() == 307) {
            final URI location =
                    URI.create(answer.headers().firstValue("Location").orElseThrow());
            assertThat(redirectedTo(location, survivors))
                    .as("redirected to " + location)
                    .isPresent();
            answer = get(location);
        }
        assertThat(answer.statusCode()).as(answer.body()).isEqualTo(200);
        return JSON.readTree(answer.body()).path("outcome").asText();
    }

    /** The lane counts {@code instance}'s status page shows. */
    private static Map<Lane, Integer> laneCounts(final ClusterFile.Instance instance) throws Exception {
        final HttpResponse<String> answer = get(URI.create(instance.statusUrl()).resolve("api/lanes"));
        assertThat(answer.statusCode()).as(answer.body()).isEqualTo(200);
        final Map<Lane, Integer> counts = new EnumMap<>(Lane.class);
        for (final JsonNode lane : JSON.readTree(answer.body()).path("lanes")) {
            if (lane.path("count").asLong() > 0) {
                counts.put(
                        Lane.valueOf(lane.path("lane").asText()),
                        lane.path("count").asInt());
            }
        }
        return counts;
    }

    private static URI statusUri(final ClusterFile.Instance instance, final String mailId) {
        return URI.create(instance.statusUrl() + "api/status/"
                + URLEncoder.encode(mailId, StandardCharsets.UTF_8).replace("+", "%20"));
    }

    private static HttpResponse<String> get(final URI uri) throws IOException, InterruptedException {
        return HTTP.send(
                HttpRequest.newBuilder(uri).timeout(Duration.ofSeconds(10)).build(),
                HttpResponse.BodyHandlers.ofString());
    }

    /** The longest put&rarr;lane time of the routed mails uploaded in [{@code from}, {@code until}). */
    private static long longestWait(
            final LaneArrivals arrivals, final MailFeeder feeder, final long from, final long until) {
        long longest = 0;
        for (final String mail : feeder.uploadedKeys()) {
            final long put = feeder.putAt(mail);
            final Long seen = arrivals.firstSeen(mail);
            if (seen != null && put >= from && put < until) {
                longest = Math.max(longest, seen - put);
            }
        }
        return longest;
    }

    /** A SIGKILL of one of the cluster's processes, and when it was dead. */
    private record Kill(long pid, long at, int afterUploads) {

        static Kill of(final long pid, final MailFeeder feeder) throws Exception {
            final ProcessHandle process =
                    ProcessHandle.of(pid).orElseThrow(() -> new AssertionError("pid " + pid + " is gone"));
            final int uploads = feeder.uploaded();
            process.destroyForcibly();
            process.onExit().get(30, TimeUnit.SECONDS);
            return new Kill(pid, System.currentTimeMillis(), uploads);
        }

        /**
         * The cluster's own lines on the death (that it died, and when the next mail was routed), and the
         * longest put&rarr;lane time of the mails uploaded from the kill until {@code until} (the next kill).
         */
        String report(
                final Queue<String> progress, final LaneArrivals arrivals, final MailFeeder feeder, final long until) {
            final String process = "(pid " + pid + ")";
            final String[] routed = new String[1];
            await("the cluster's report on " + process).atMost(FLOW_TIMEOUT).until(() -> {
                routed[0] = progress.stream()
                        .filter(line -> line.contains(process + ": next mail routed "))
                        .findFirst()
                        .orElse(null);
                return routed[0] != null;
            });
            assertThat(progress).anyMatch(line -> line.contains(process + " died with exit code 137"));
            return String.format(
                    "SIGKILL after %d uploads: %s; longest put->lane of the mail uploaded until the next kill %d ms",
                    afterUploads, routed[0], longestWait(arrivals, feeder, at, until));
        }
    }
}
