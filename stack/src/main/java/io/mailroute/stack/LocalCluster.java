package io.mailroute.stack;

import io.mailroute.embedded.ChildJvm;
import io.mailroute.embedded.Ports;
import io.mailroute.runtime.client.LocalDefaults;
import io.mailroute.runtime.command.MailrouteRuntime;
import io.mailroute.runtime.status.StatusServer;
import io.mailroute.s3.S3Settings;
import io.mailroute.schemas.topics.TopicNames;
import java.io.IOException;
import java.io.Writer;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.Properties;
import java.util.function.Consumer;
import java.util.function.UnaryOperator;
import java.util.stream.Collectors;
import org.apache.kafka.common.Uuid;

/**
 * {@code mailroute local --brokers N --workers K --instances M}: N combined KRaft nodes forming one
 * cluster, K Connect workers of one distributed group and M topology instances ({@code mailroute
 * run}, each with {@code application.server} and one standby replica), every one in a JVM of its
 * own on local ports; the schema registry, the S3 endpoint, SQS, the SMTP capture server and the
 * connectors' set-up stay in this JVM ({@link MailrouteStack.Builder#pipelineAround}). With
 * N &ge; 3 the topics get replication factor 3 and {@code min.insync.replicas} 2. Once all are
 * ready their pids and ports are written to {@link ClusterFile}. The children end with this JVM,
 * however it ends ({@link ChildJvm}); {@link #close()} stops them, the instances first.
 */
public final class LocalCluster implements AutoCloseable {
    private static final Duration START_TIMEOUT = Duration.ofMinutes(3);
    private static final String INSTANCE_READY = "mailroute run ready";
    /**
     * Each commit writes a transaction marker to every partition its transaction touched, and with
     * every process on one machine the brokers' share of the CPU is what bounds the cluster: 500 ms
     * instead of Streams' 100 cut the brokers' CPU by a third in {@code ClusterFailoverIT}, for up to
     * 0.4 s more latency.
     */
    private static final int COMMIT_INTERVAL_MILLIS = 500;

    /**
     * Where the cluster lives and listens; port 0 picks a free one.
     *
     * @param kafkaPort      the first broker's client port (the others take free ones)
     * @param controllerPort the first broker's controller port
     * @param connectPort    the first worker's REST port
     * @param status         the first instance's status server (the others take free ports); empty for none
     */
    public record Settings(
            ClusterSize size,
            Path dataDir,
            String host,
            int kafkaPort,
            int controllerPort,
            int connectPort,
            Optional<StatusServer.Settings> status) {
        public Settings {
            Objects.requireNonNull(size, "size");
            Objects.requireNonNull(dataDir, "dataDir");
            Objects.requireNonNull(host, "host");
            Objects.requireNonNull(status, "status");
        }
    }

    private final Settings settings;
    private final DataDir dirs;
    private final Consumer<String> progress;
    private final List<ChildJvm> brokers = new ArrayList<>();
    private final List<ChildJvm> workers = new ArrayList<>();
    private final List<ChildJvm> instances = new ArrayList<>();
    private final List<ClusterFile.Broker> brokerEntries = new ArrayList<>();
    private final List<ClusterFile.Worker> workerEntries = new ArrayList<>();
    private final List<ClusterFile.Instance> instanceEntries = new ArrayList<>();
    private MailrouteStack stack;
    private String bootstrapServers;
    private NextRoutedMail nextRoutedMail;
    private volatile boolean closing;

    private LocalCluster(final Settings settings, final Consumer<String> progress) {
        this.settings = settings;
        this.dirs = new DataDir(settings.dataDir());
        this.progress = progress;
    }

    /**
     * Starts the brokers, the services of {@link MailrouteStack.Builder#pipelineAround} with
     * {@code options} applied (its data directory, host, ports and sinks), which start the workers
     * once what their connectors read is there, and the instances, then writes {@link ClusterFile};
     * on failure whatever was started is stopped again.
     */
    public static LocalCluster start(
            final Settings settings,
            final UnaryOperator<MailrouteStack.Builder> options,
            final Consumer<String> progress)
            throws Exception {
        final LocalCluster cluster = new LocalCluster(settings, progress);
        try {
            cluster.startAll(options);
            cluster.reportDeaths();
            return cluster;
        } catch (Exception | Error e) {
            cluster.close();
            throw e;
        }
    }

    private void startAll(final UnaryOperator<MailrouteStack.Builder> options) throws Exception {
        Files.createDirectories(settings.dataDir());
        startBrokers();
        stack = options.apply(MailrouteStack.builder().pipelineAround(bootstrapServers, this::startWorkers))
                .replication(
                        settings.size().replicationFactor(), settings.size().minInsyncReplicas())
                .progress(progress)
                .start();
        startInstances();
        final Path file = processes().write(settings.dataDir());
        progress.accept("cluster: processes in " + file.toAbsolutePath());
    }

    /**
     * Once all run, a child that dies while the cluster runs (a crash, a {@code kill -9}) is reported,
     * and so is how long after its death the next mail was routed ({@link NextRoutedMail}).
     */
    private void reportDeaths() {
        nextRoutedMail = new NextRoutedMail(
                stack.client().admin(), TopicNames.from(stack.client().application()), progress);
        for (final List<ChildJvm> children : List.of(brokers, workers, instances)) {
            for (final ChildJvm child : children) {
                final String process = child.name() + " (pid " + child.pid() + ")";
                child.onExit().thenAccept(ended -> {
                    if (!closing) {
                        progress.accept(process + " died with exit code " + ended.exitValue());
                        nextRoutedMail.afterDeathOf(process);
                    }
                });
            }
        }
    }

    private void startBrokers() throws IOException, InterruptedException {
        final int count = settings.size().brokers();
        final Map<Integer, Integer> quorum = new LinkedHashMap<>();
        for (int id = 1; id <= count; id++) {
            quorum.put(id, id == 1 && settings.controllerPort() != 0 ? settings.controllerPort() : Ports.free());
        }
        final String voters = quorum.entrySet().stream()
                .map(voter -> voter.getKey() + ":" + voter.getValue())
                .collect(Collectors.joining(","));
        final String clusterId = Uuid.randomUuid().toString();
        progress.accept(
                "kafka: starting " + count + " KRaft nodes in " + dirs.broker(1).getParent());
        for (int id = 1; id <= count; id++) {
            final ChildJvm broker = child("broker-" + id, BrokerMain.class, BrokerMain.READY, "512m")
                    .args(
                            dirs.broker(id).toAbsolutePath().toString(),
                            settings.host(),
                            Integer.toString(id == 1 ? settings.kafkaPort() : 0),
                            Integer.toString(id),
                            clusterId,
                            voters)
                    .build();
            brokers.add(broker);
            broker.launch();
        }
        // the nodes elect a controller together: wait for them only once all run
        final List<String> servers = new ArrayList<>();
        for (int id = 1; id <= count; id++) {
            final ChildJvm broker = brokers.get(id - 1);
            final String server = after(broker.awaitReady(START_TIMEOUT), BrokerMain.READY);
            servers.add(server);
            brokerEntries.add(new ClusterFile.Broker(
                    id, broker.pid(), Integer.parseInt(server.substring(server.lastIndexOf(':') + 1))));
        }
        bootstrapServers = String.join(",", servers);
        progress.accept("kafka: " + count + " nodes on " + bootstrapServers);
    }

    /** Starts the workers and returns the first one's REST URL once all have joined the group. */
    private URI startWorkers(final String bootstrap) throws IOException, InterruptedException {
        final int count = settings.size().workers();
        for (int number = 1; number <= count; number++) {
            final ChildJvm worker = child("connect-" + number, ConnectWorkerMain.class, ConnectWorkerMain.READY, "384m")
                    .args(
                            bootstrap,
                            settings.host(),
                            Integer.toString(number == 1 ? settings.connectPort() : 0),
                            Short.toString(settings.size().replicationFactor()),
                            settings.dataDir().toAbsolutePath().toString())
                    .build();
            workers.add(worker);
            worker.launch();
        }
        for (final ChildJvm worker : workers) {
            final String url = after(worker.awaitReady(START_TIMEOUT), ConnectWorkerMain.READY);
            workerEntries.add(new ClusterFile.Worker(worker.pid(), url));
        }
        progress.accept("connect: " + count + " worker(s) of one group, REST on "
                + workerEntries.stream().map(ClusterFile.Worker::url).collect(Collectors.joining(", ")));
        return URI.create(workerEntries.get(0).url());
    }

    private void startInstances() throws IOException, InterruptedException {
        final Path config = writeInstanceConfig();
        final int count = settings.size().instances();
        final List<Optional<String>> statusUrls = new ArrayList<>();
        for (int number = 1; number <= count; number++) {
            final List<String> args = new ArrayList<>(List.of(
                    "run",
                    "--bootstrap-server",
                    bootstrapServers,
                    "--schema-registry",
                    stack.client().schemaRegistry(),
                    "--s3-endpoint",
                    stack.s3Settings().endpoint().toString(),
                    "--s3-region",
                    stack.s3Settings().region(),
                    "--s3-bucket",
                    LocalDefaults.BUCKET,
                    "--config",
                    config.toString(),
                    "--state-dir",
                    dirs.instance(number).toAbsolutePath().toString(),
                    "--standby-replicas",
                    "1",
                    "--session-timeout",
                    Integer.toString(MailrouteStack.SESSION_TIMEOUT_SECONDS),
                    "--commit-interval",
                    Integer.toString(COMMIT_INTERVAL_MILLIS)));
            final Optional<String> statusUrl = statusArgs(number, args);
            statusUrls.add(statusUrl);
            final ChildJvm instance = child("instance-" + number, MailrouteRuntime.class, INSTANCE_READY, "512m")
                    .args(args)
                    .build();
            instances.add(instance);
            instance.launch();
        }
        progress.accept("topology: starting " + count + " instances (state in "
                + dirs.instance(1).getParent() + ")");
        for (int number = 1; number <= count; number++) {
            final ChildJvm instance = instances.get(number - 1);
            instance.awaitReady(START_TIMEOUT);
            instanceEntries.add(new ClusterFile.Instance(
                    instance.pid(), statusUrls.get(number - 1).orElse(null)));
        }
    }

    /** Adds the status server's options of instance {@code number} to {@code args}; its URL, when it runs one. */
    private Optional<String> statusArgs(final int number, final List<String> args) throws IOException {
        if (settings.status().isEmpty()) {
            args.add("--no-status");
            return Optional.empty();
        }
        final StatusServer.Settings status = settings.status().get();
        final int port = number == 1 && status.port() != 0 ? status.port() : Ports.free();
        args.addAll(List.of(
                "--status-bind",
                status.bindAddress(),
                "--status-port",
                Integer.toString(port),
                "--application-server",
                settings.host() + ":" + port));
        if (status.token() != null) {
            args.addAll(List.of("--status-token", status.token()));
        }
        return Optional.of("http://" + settings.host() + ":" + port + "/");
    }

    /** The S3 keys of the stack's endpoint, for the instances' {@code --config}. */
    private Path writeInstanceConfig() throws IOException {
        final S3Settings s3 = stack.s3Settings();
        final Properties properties = new Properties();
        properties.putAll(MailrouteStack.s3Properties(s3));
        final Path file = dirs.instanceConfig();
        Files.createDirectories(file.getParent());
        try (Writer out = Files.newBufferedWriter(file, StandardCharsets.UTF_8)) {
            properties.store(out, "S3 keys of the local endpoint, for the topology instances");
        }
        return file;
    }

    private ChildJvm.Builder child(
            final String name, final Class<?> mainClass, final String readyMarker, final String heap) {
        return ChildJvm.builder(name, mainClass, readyMarker).heap(heap).logFile(dirs.log(name));
    }

    private static String after(final String line, final String marker) {
        return line.substring(line.indexOf(marker) + marker.length()).trim();
    }

    /** The processes and where they answer, as written to {@link ClusterFile}. */
    public ClusterFile processes() {
        return new ClusterFile(brokerEntries, workerEntries, instanceEntries);
    }

    /** The registry, S3, SQS and SMTP capture of this JVM, and the connectors' REST API (the first worker's). */
    public MailrouteStack stack() {
        return stack;
    }

    public String bootstrapServers() {
        return bootstrapServers;
    }

    /** The last {@code lines} lines each child printed, for a failure message; its full log is in {@code cluster/logs/}. */
    public String childOutput(final int lines) {
        final StringBuilder text = new StringBuilder();
        for (final List<ChildJvm> children : List.of(brokers, workers, instances)) {
            for (final ChildJvm child : children) {
                final List<String> output = child.output();
                text.append("--- ").append(child.name()).append(" ---\n");
                output.subList(Math.max(0, output.size() - lines), output.size())
                        .forEach(line -> text.append(line).append('\n'));
            }
        }
        return text.toString();
    }

    /** Stops the instances, this JVM's services, the workers and the brokers, each kind at once. */
    @Override
    public synchronized void close() {
        if (closing) {
            return;
        }
        closing = true;
        if (nextRoutedMail != null) {
            nextRoutedMail.close();
        }
        stopAll(instances);
        if (stack != null) {
            stack.close();
        }
        stopAll(workers);
        stopAll(brokers);
    }

    private static void stopAll(final List<ChildJvm> children) {
        children.parallelStream().forEach(ChildJvm::close);
    }
}
