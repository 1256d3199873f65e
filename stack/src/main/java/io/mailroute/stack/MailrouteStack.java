package io.mailroute.stack;

import io.mailroute.embedded.ConnectRestClient;
import io.mailroute.embedded.EmbeddedConnect;
import io.mailroute.embedded.EmbeddedKafka;
import io.mailroute.embedded.EmbeddedS3;
import io.mailroute.embedded.EmbeddedSqs;
import io.mailroute.runtime.app.MailrouteApp;
import io.mailroute.runtime.client.ClientSettings;
import io.mailroute.runtime.client.LocalDefaults;
import io.mailroute.runtime.status.Outbox;
import io.mailroute.runtime.status.StatusServer;
import io.mailroute.runtime.topics.TopicApplier;
import io.mailroute.s3.S3ConfigFragment;
import io.mailroute.s3.S3Settings;
import io.mailroute.s3.SqsSettings;
import io.mailroute.schemas.registry.LocalSchemaRegistry;
import io.mailroute.schemas.registry.server.SchemaRegistryServer;
import io.mailroute.schemas.topics.TopicNames;
import io.mailroute.topology.TopologyServices;
import io.mailroute.topology.config.MailrouteConfig;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.InetSocketAddress;
import java.net.URI;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.Deque;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.function.Consumer;
import java.util.function.Function;
import java.util.stream.Stream;
import org.apache.kafka.clients.CommonClientConfigs;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.streams.KafkaStreams;
import org.apache.kafka.streams.StreamsConfig;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * mailroute in one JVM, no Docker: a KRaft broker, the topics, the schema registry, an S3 endpoint
 * with the mail bucket, the default rules on {@code mail.rules}, a distributed Connect worker
 * running the S3 mail connector (and the Organizations connector when configured) and the sink
 * connectors asked for, an SMTP server capturing the notices when no relay is given, the mail
 * topology and, on request, its status server (started before the streams, as {@code mailroute run} does). {@code mailroute local} runs all of it
 * ({@link Builder#pipeline()}); {@code mailroute bench} and the integration tests choose the parts
 * they need. Parts start in that order and stop in the reverse one; all state lives below the
 * data directory, so a restart (also after {@code kill -9}) carries on.
 *
 * <pre>{@code
 * try (MailrouteStack stack = MailrouteStack.builder().pipeline().dataDir(dir).start()) {
 *     new MailUploader(stack.client().s3(), ...);
 * }
 * }</pre>
 */
public final class MailrouteStack implements AutoCloseable {
    /** How long a received notification stays invisible to other readers before SQS delivers it again. */
    private static final Duration NOTIFICATION_VISIBILITY = Duration.ofSeconds(30);
    /** Name the S3 mail connector runs under. */
    public static final String S3_CONNECTOR = "s3-mail";

    /**
     * How long the group waits for a topology instance of a local stack or cluster that stopped
     * answering: a killed one's tasks move (or come back) this soon, instead of after Kafka's 45 s.
     */
    static final int SESSION_TIMEOUT_SECONDS = 10;
    /** Name the Organizations connector runs under when its file gives none. */
    public static final String ORGANIZATIONS_CONNECTOR = "organizations";

    private static final Logger log = LoggerFactory.getLogger(MailrouteStack.class);

    /** Starts Connect workers elsewhere: see {@link Builder#connectWorkers}. */
    @FunctionalInterface
    public interface ConnectWorkers {
        /** Starts the workers on {@code bootstrapServers} and returns the REST URL of one of them once they run. */
        URI start(String bootstrapServers) throws Exception;
    }

    /** Work on a starting stack's clients: see {@link Builder#beforeApp}. */
    @FunctionalInterface
    public interface Step {
        void run(ClientSettings client) throws Exception;
    }

    private final Builder plan;
    private final Deque<AutoCloseable> started = new ArrayDeque<>();
    private Path root;
    private boolean temporary;
    private StackPorts ports;
    private EmbeddedKafka kafka;
    private SchemaRegistryServer registry;
    private EmbeddedS3 s3;
    private EmbeddedSqs sqs;
    private String queueUrl;
    private EmbeddedConnect connect;
    private ConnectRestClient connectRest;
    private SmtpCapture smtp;
    private ClientSettings client;
    private Map<String, Object> appSettings;
    private MailrouteApp app;
    private StatusServer statusServer;
    private boolean closed;

    private MailrouteStack(final Builder plan) {
        this.plan = plan;
    }

    /** A stack of no parts yet, on a temporary data directory, free ports and 3 partitions per topic. */
    public static Builder builder() {
        return new Builder();
    }

    private void startAll() throws Exception {
        temporary = plan.dataDir == null;
        root = temporary ? Files.createTempDirectory("mailroute-stack-") : plan.dataDir;
        Files.createDirectories(root);
        final DataDir dirs = new DataDir(root);
        ports = RememberedPorts.apply(root, plan.ports);
        String bootstrapServers = plan.existingKafka;
        if (plan.kafka) {
            plan.progress.accept("kafka: starting the KRaft broker in " + dirs.kafka());
            kafka = register(EmbeddedKafka.builder()
                    .dataDir(dirs.kafka())
                    .host(plan.host)
                    .port(ports.kafka())
                    .controllerPort(ports.controller())
                    .start());
            bootstrapServers = kafka.bootstrapServers();
        }
        if (plan.topics) {
            createTopics(bootstrapServers);
        }
        if (plan.registry) {
            startRegistry(dirs);
        }
        if (plan.s3) {
            startS3(dirs);
        }
        client = clientSettings(bootstrapServers);
        if (plan.rules) {
            final int published = new DefaultRulesPublisher(client).publishIfEmpty();
            plan.progress.accept("rules: "
                    + (published == 0
                            ? "mail.rules already holds rules; left as they are"
                            : published + " default rules published to mail.rules"));
        }
        if (plan.connect && plan.sinks.captures()) {
            smtp = register(SmtpCapture.start(plan.host, ports.smtp()));
            plan.progress.accept("smtp: capturing mail on " + plan.host + ":" + smtp.port());
        }
        final ConnectEndpoints endpoints = new ConnectEndpoints(dirs.connectEndpoints());
        if (registry != null && s3 != null) {
            endpoints.write(s3.settings(), notifications(), registry.url(), bootstrapServers, smtpServer());
        }
        if (plan.connect) {
            startConnect(bootstrapServers, endpoints);
        }
        RememberedPorts.save(root, listening());
        for (final Step step : plan.beforeApp) {
            step.run(client);
        }
        if (plan.app) {
            startApp(dirs);
        }
    }

    /** Where the SMTP sink delivers: the capture server or the relay. */
    private Optional<InetSocketAddress> smtpServer() {
        return smtp == null
                ? plan.sinks.relay()
                : Optional.of(InetSocketAddress.createUnresolved(smtp.host(), smtp.port()));
    }

    private ClientSettings clientSettings(final String bootstrapServers) {
        final String registryUrl = registry == null ? plan.existingRegistry : registry.url();
        final S3Settings s3Settings = s3 == null ? plan.existingS3 : s3.settings();
        if (s3Settings == null) {
            return new ClientSettings(bootstrapServers, registryUrl, null, LocalDefaults.BUCKET, null, Map.of());
        }
        return new ClientSettings(
                bootstrapServers,
                registryUrl,
                s3Settings.endpoint() == null
                        ? ClientSettings.AWS_ENDPOINT
                        : s3Settings.endpoint().toString(),
                LocalDefaults.BUCKET,
                s3Settings.region(),
                s3Properties(s3Settings));
    }

    /**
     * The client keys of {@code s3Settings}, its attempts included: a local endpoint's settings
     * ({@link S3Settings#forEndpoint}) try more often than a client's default, because S3Proxy drops
     * a keep-alive connection now and then and a PUT on it fails.
     */
    static Map<String, String> s3Properties(final S3Settings s3Settings) {
        final Map<String, String> props = new HashMap<>(ClientSettings.S3.connectionProperties(s3Settings));
        props.put(S3ConfigFragment.MAX_ATTEMPTS_CONFIG, Integer.toString(s3Settings.maxAttempts()));
        return props;
    }

    /** The ports of the services this stack runs; 0 for the others. */
    private StackPorts listening() {
        return new StackPorts(
                kafka == null ? 0 : kafka.port(),
                kafka == null ? 0 : kafka.controllerPort(),
                registry == null ? 0 : registry.port(),
                s3 == null ? 0 : s3.port(),
                connect == null ? 0 : connect.restPort(),
                smtp == null ? 0 : smtp.port(),
                sqs == null ? 0 : sqs.port());
    }

    private void createTopics(final String bootstrapServers) throws Exception {
        try (Admin admin = Admin.create(Map.of(CommonClientConfigs.BOOTSTRAP_SERVERS_CONFIG, bootstrapServers))) {
            final long created = new TopicApplier(admin)
                            .apply(TopicApplier.specs(
                                    TopicNames.from(Map.of()),
                                    plan.partitions,
                                    plan.replicationFactor,
                                    plan.minInsyncReplicas))
                            .stream()
                            .filter(change -> change.action().equals("created"))
                            .count();
            plan.progress.accept("topics: " + (created == 0 ? "all present" : created + " created"));
        }
    }

    private void startRegistry(final DataDir dirs) throws IOException {
        Files.createDirectories(dirs.registryJournal().getParent());
        final LocalSchemaRegistry schemas = register(LocalSchemaRegistry.persistent(dirs.registryJournal()));
        registry = register(SchemaRegistryServer.start(schemas, plan.host, ports.registry(), Optional.empty()));
        plan.progress.accept(
                "schema registry: " + schemas.subjects().size() + " subjects in " + dirs.registryJournal());
    }

    /**
     * The queue of the bucket's notifications (of the objects under {@link LocalMailSource#keyPrefix()}), when this
     * stack runs one.
     */
    public Optional<SqsSettings> notifications() {
        return sqs == null ? Optional.empty() : Optional.of(sqs.settings(queueUrl, s3.settings()));
    }

    private void startS3(final DataDir dirs) {
        final EmbeddedS3.Builder builder = EmbeddedS3.builder()
                .host(plan.host)
                .port(ports.s3())
                .credentials(LocalDefaults.S3_ACCESS_KEY, LocalDefaults.S3_SECRET_KEY);
        if (plan.notifications) {
            // in memory: notifications not read before a restart are lost, and the safety net's listing finds their
            // mail
            sqs = register(
                    EmbeddedSqs.builder().host(plan.host).port(ports.sqs()).start());
            queueUrl = sqs.createQueue(LocalDefaults.QUEUE, NOTIFICATION_VISIBILITY);
            builder.objectCreatedListener(
                    sqs.notifier(queueUrl, LocalMailSource.shipped().keyPrefix()));
            plan.progress.accept("sqs: notifications of every upload under "
                    + LocalMailSource.shipped().keyPrefix() + " to " + queueUrl);
        }
        s3 = register((plan.s3InMemory ? builder.transientStore() : builder.dataDir(dirs.s3())).start());
        s3.createBucket(LocalDefaults.BUCKET);
        plan.progress.accept("s3: bucket " + LocalDefaults.BUCKET + " in " + (plan.s3InMemory ? "memory" : dirs.s3()));
    }

    private void startConnect(final String bootstrapServers, final ConnectEndpoints endpoints) throws Exception {
        if (plan.connectWorkers == null) {
            connect = register(worker(bootstrapServers, plan.host, ports.connect(), (short) 1, root)
                    .start());
            connectRest = connect.rest();
        } else {
            connectRest = new ConnectRestClient(plan.connectWorkers.start(bootstrapServers));
        }
        final StackConnectors connectors =
                new StackConnectors(connectRest, endpoints, plan.progress, bootstrapServers, plan.partitions);
        if (plan.s3Mail != null) {
            connectors.s3Mail(plan.s3Mail, sqs != null);
            connectors.organizations(plan.organizationsConfig);
        }
        connectors.sinks(plan.sinks.wanted());
    }

    /**
     * The Connect worker a stack runs (exactly-once source support on), not started; the workers
     * of {@code mailroute local}'s cluster mode are the same, with the same group and topics.
     *
     * @param replicationFactor of the worker's config, offset and status topics
     * @param dataDir           the only directory its {@code ${file:...}} provider reads
     */
    public static EmbeddedConnect.Builder worker(
            final String bootstrapServers,
            final String host,
            final int restPort,
            final short replicationFactor,
            final Path dataDir) {
        // the REST API serves this machine only, and ${file:...} reads nothing outside the data directory:
        // no web page or connector config can read the S3 keys of another file through validate
        return EmbeddedConnect.builder()
                .bootstrapServers(bootstrapServers)
                .host(host)
                .restPort(restPort)
                .replicationFactor(replicationFactor)
                .exactlyOnce(true)
                .loopbackRestOnly()
                .fileConfigProvider(dataDir);
    }

    private void startApp(final DataDir dirs) throws Exception {
        // one instance: after a kill -9 its tasks come back once the old member's session expires
        final Map<String, Object> overrides = new HashMap<>();
        overrides.put(
                StreamsConfig.mainConsumerPrefix(ConsumerConfig.SESSION_TIMEOUT_MS_CONFIG),
                SESSION_TIMEOUT_SECONDS * 1000);
        overrides.putAll(plan.appOverrides);
        appSettings = Map.copyOf(MailrouteApp.settings(client, dirs.streams(), overrides));
        app = register(new MailrouteApp(appSettings, plan.topologyServices));
        if (plan.statusServer != null) {
            app.onCreated(this::startStatusServer);
        }
        plan.progress.accept("topology: starting the streams (state in " + dirs.streams() + ")");
        app.start(MailrouteApp.DEFAULT_START_TIMEOUT);
    }

    private synchronized <T extends AutoCloseable> T register(final T service) {
        started.push(service);
        return service;
    }

    /** Started by the app with its streams instance, before the streams start: the app closes it first. */
    private StatusServer startStatusServer(final KafkaStreams streams) throws IOException {
        final StatusServer.Settings settings = plan.statusServer;
        try {
            statusServer = StatusServer.start(settings, streams, app.describe(), client, outbox());
        } catch (IOException e) {
            throw new IOException(
                    "the status server cannot bind " + settings.bindAddress() + ":" + settings.port() + ": "
                            + e.getMessage(),
                    e);
        }
        plan.progress.accept("status: " + statusServer.uri() + " (/livez and /readyz answer while the streams start)");
        return statusServer;
    }

    /** The status server, when the stack runs one ({@link Builder#statusServer}). */
    public Optional<StatusServer> statusServer() {
        return Optional.ofNullable(statusServer);
    }

    /** The mail the SMTP capture server took, when the stack runs it. */
    public Optional<Outbox> outbox() {
        return smtp == null ? Optional.empty() : Optional.of(smtp.outbox());
    }

    /** Settings for clients of this stack: its broker, and its registry and S3 (with their keys) when it runs them. */
    public ClientSettings client() {
        return client;
    }

    /** The running mail topology. */
    public MailrouteApp app() {
        return require(app, "app");
    }

    /** The settings the app runs with, for another instance of the same application. */
    public Map<String, Object> appSettings() {
        return require(appSettings, "app");
    }

    /** The REST API of the Connect worker: this stack's, or one of those {@link Builder#connectWorkers} started. */
    public ConnectRestClient connect() {
        return require(connectRest, "connect");
    }

    /** Where the S3 endpoint (the stack's own or the existing one) is and as whom to reach it. */
    public S3Settings s3Settings() {
        return s3 == null ? require(plan.existingS3, "s3") : s3.settings();
    }

    public Path dataDir() {
        return root;
    }

    /** Partitions of the topics the stack creates. */
    public int partitions() {
        return plan.partitions;
    }

    /** The ports asked for, each 0 replaced by the port remembered from the last start. */
    public StackPorts ports() {
        return ports;
    }

    /** Where each service answers, for the console. */
    public Map<String, String> urls() {
        final Map<String, String> urls = new LinkedHashMap<>();
        if (kafka != null) {
            urls.put("kafka", kafka.bootstrapServers());
        }
        if (registry != null) {
            urls.put("schema registry", registry.url());
        }
        if (s3 != null) {
            urls.put("s3", s3.endpoint() + " (bucket " + LocalDefaults.BUCKET + ", key " + s3.accessKey() + ")");
        }
        if (sqs != null) {
            urls.put("sqs", queueUrl + " (the bucket's ObjectCreated notifications)");
        }
        if (connectRest != null) {
            urls.put("connect", connectRest.baseUrl().toString());
        }
        if (smtp != null) {
            urls.put("smtp capture", "smtp://" + smtp.host() + ":" + smtp.port() + " (captured mail: /api/outbox)");
        }
        plan.sinks
                .relay()
                .ifPresent(relay -> urls.put("smtp relay", "smtp://" + relay.getHostString() + ":" + relay.getPort()));
        urls.put("data dir", root.toAbsolutePath().toString());
        return urls;
    }

    private static <T> T require(final T part, final String name) {
        if (part == null) {
            throw new IllegalStateException("this stack runs no " + name);
        }
        return part;
    }

    /** Stops everything, the last started first; a temporary data directory is removed. */
    @Override
    public synchronized void close() {
        if (closed) {
            return;
        }
        closed = true;
        while (!started.isEmpty()) {
            final AutoCloseable service = started.pop();
            try {
                service.close();
            } catch (Exception e) {
                log.warn("Stopping {} failed", service.getClass().getSimpleName(), e);
            }
        }
        if (temporary) {
            deleteRecursively(root);
        }
    }

    private static void deleteRecursively(final Path dir) {
        try (Stream<Path> paths = Files.walk(dir)) {
            paths.sorted(Comparator.reverseOrder()).forEach(p -> p.toFile().delete());
        } catch (IOException e) {
            throw new UncheckedIOException("cannot remove the temporary data directory " + dir, e);
        }
    }

    /** Which parts a stack runs and where; {@link #start()} starts them. */
    public static final class Builder {
        private Path dataDir;
        private String host = "127.0.0.1";
        private StackPorts ports = StackPorts.FREE;
        private int partitions = 3;
        private short replicationFactor = 1;
        private int minInsyncReplicas = TopicApplier.BROKER_DEFAULT;
        private String existingKafka;
        private boolean kafka;
        private boolean topics;
        private boolean registry;
        private String existingRegistry;
        private boolean s3;
        private S3Settings existingS3;
        private boolean s3InMemory;
        private boolean notifications;
        private boolean rules;
        private boolean connect;
        private ConnectWorkers connectWorkers;
        private Map<String, String> s3Mail;
        private Optional<Path> organizationsConfig = Optional.empty();
        private SinkConnectors sinks = SinkConnectors.none();
        private boolean app;
        private Map<String, Object> appOverrides = Map.of();
        private Function<MailrouteConfig, TopologyServices> topologyServices = TopologyServices::from;
        private StatusServer.Settings statusServer;
        private final List<Step> beforeApp = new ArrayList<>();
        private Consumer<String> progress = step -> {};

        private Builder() {}

        /**
         * Every part, as {@code mailroute local} runs it: broker, topics, registry, S3, default rules,
         * Connect with the S3 mail connector and the SMTP sink to the SMTP capture server, the app.
         */
        public Builder pipeline() {
            return kafka().services().app();
        }

        /**
         * Every part of {@link #pipeline()} but the broker, the Connect worker and the app, which
         * run elsewhere (in JVMs of their own: {@code mailroute local --brokers N}): the stack
         * creates the topics on {@code bootstrapServers} and runs its connectors on the workers
         * {@code workers} starts.
         */
        public Builder pipelineAround(final String bootstrapServers, final ConnectWorkers workers) {
            return existingKafka(bootstrapServers).connectWorkers(workers).services();
        }

        private Builder services() {
            return topics().registry()
                    .s3()
                    .notifications(true)
                    .defaultRules()
                    .s3MailConnector()
                    .sinks(SinkConnectors.none().smtpCapture());
        }

        /** Where everything that survives a restart lives; without it a temporary directory, removed on close. */
        public Builder dataDir(final Path dir) {
            this.dataDir = Objects.requireNonNull(dir, "dir");
            return this;
        }

        /** The address every service binds to and advertises (default 127.0.0.1). */
        public Builder host(final String address) {
            this.host = Objects.requireNonNull(address, "address");
            return this;
        }

        /** The services' ports (default: free ones). */
        public Builder ports(final StackPorts asked) {
            this.ports = Objects.requireNonNull(asked, "asked");
            return this;
        }

        /**
         * Partitions of the topics created on the first start (default 3).
         *
         * @throws IllegalArgumentException when below 1
         */
        public Builder partitions(final int count) {
            if (count < 1) {
                throw new IllegalArgumentException("partitions must be at least 1, not " + count);
            }
            this.partitions = count;
            return this;
        }

        /**
         * Replication of the topics created (default: factor 1, the broker's
         * {@code min.insync.replicas}); see {@link TopicApplier#specs(TopicNames, int, short, int)}.
         *
         * @throws IllegalArgumentException when the counts do not fit together
         */
        public Builder replication(final short factor, final int minInsync) {
            TopicApplier.specs(TopicNames.defaults(), partitions, factor, minInsync);
            this.replicationFactor = factor;
            this.minInsyncReplicas = minInsync;
            return this;
        }

        /** A KRaft broker in this JVM. */
        public Builder kafka() {
            this.kafka = true;
            return this;
        }

        /** The broker at {@code bootstrapServers}, started elsewhere, instead of one in this JVM. */
        public Builder existingKafka(final String bootstrapServers) {
            this.existingKafka = Objects.requireNonNull(bootstrapServers, "bootstrapServers");
            return this;
        }

        /** The mailroute topics, created where missing. */
        public Builder topics() {
            this.topics = true;
            return this;
        }

        /** The schema registry, its schemas kept in the data directory. */
        public Builder registry() {
            this.registry = true;
            return this;
        }

        /**
         * The schema registry at {@code url}, run elsewhere, instead of one in this stack; also
         * {@code mock://<scope>}, the in-memory registry of this JVM that tests use
         * ({@code SchemaRegistryClients}; the caller drops the scope).
         */
        public Builder existingRegistry(final String url) {
            this.existingRegistry = Objects.requireNonNull(url, "url");
            return this;
        }

        /** An S3 endpoint with the mail bucket, its objects kept in the data directory. */
        public Builder s3() {
            this.s3 = true;
            return this;
        }

        /** An S3 endpoint with the mail bucket, its objects kept in memory. */
        public Builder s3InMemory() {
            this.s3InMemory = true;
            return s3();
        }

        /**
         * The S3 endpoint of {@code settings}, run elsewhere (tests may name one where nothing
         * answers), instead of one in this JVM: the clients and the app reach it, with its keys, for
         * bucket {@code mail-inbound}; the stack creates no bucket there.
         */
        public Builder existingS3(final S3Settings settings) {
            this.existingS3 = Objects.requireNonNull(settings, "settings");
            return this;
        }

        /**
         * Whether the S3 endpoint sends an ObjectCreated notification for every upload to an SQS
         * queue beside it (ElasticMQ), which the S3 mail connector reads, listing the bucket every
         * five minutes as a safety net; without, the connector lists the bucket every two seconds.
         * {@link #pipeline()} turns them on.
         */
        public Builder notifications(final boolean notify) {
            this.notifications = notify;
            return this;
        }

        /** The default rule pack on {@code mail.rules}, when that topic holds no rules yet. */
        public Builder defaultRules() {
            this.rules = true;
            return this;
        }

        /**
         * Connect workers that {@code workers} starts elsewhere, instead of a worker in this JVM: the
         * stack starts them where it would start its own (once the S3 endpoint, the queue and the
         * endpoints file their connectors read are there: a restarted worker resumes its connectors
         * at once) and runs its connectors on them.
         */
        public Builder connectWorkers(final ConnectWorkers workers) {
            this.connectWorkers = Objects.requireNonNull(workers, "workers");
            return this;
        }

        /** A distributed Connect worker (exactly-once source) running the connectors on the class path. */
        public Builder connect() {
            this.connect = true;
            return this;
        }

        /** The S3 mail connector of {@code ops/connectors/s3-mail.json} on the stack's bucket, on a Connect worker. */
        public Builder s3MailConnector() {
            return s3MailConnector(Map.of());
        }

        /** The S3 mail connector with {@code overrides} of its config. */
        public Builder s3MailConnector(final Map<String, String> overrides) {
            this.s3Mail = Map.copyOf(overrides);
            return connect();
        }

        /** The Organizations connector of this {@code {"name","config"}} file beside the S3 mail connector. */
        public Builder organizationsConnector(final Path file) {
            this.organizationsConfig = Optional.of(file);
            return this;
        }

        /**
         * These sink connectors on the Connect worker (and the SMTP capture server when the SMTP sink
         * delivers to it), the other sinks removed; {@link #pipeline()} runs the SMTP sink to the capture server.
         */
        public Builder sinks(final SinkConnectors connectors) {
            this.sinks = Objects.requireNonNull(connectors, "connectors");
            return connect();
        }

        /** The mail topology as a running Kafka Streams application, its state in the data directory. */
        public Builder app() {
            this.app = true;
            return this;
        }

        /** The app, with these Streams or {@code mailroute.*} settings over the stack's. */
        public Builder app(final Map<String, ?> overrides) {
            this.appOverrides = Map.copyOf(overrides);
            return app();
        }

        /**
         * The status server (page, {@code /api}, {@code /metrics}, {@code /livez}, {@code /readyz}) for the
         * app, started as {@code mailroute run} starts it: with the streams instance, before the streams
         * start, so that the probes answer (live, not ready) while the streams rebalance and restore.
         * It stops before the app.
         */
        public Builder statusServer(final StatusServer.Settings settings) {
            this.statusServer = Objects.requireNonNull(settings, "settings");
            return this;
        }

        /** What the app's topology calls out to (default: {@link TopologyServices#from}). */
        public Builder topologyServices(final Function<MailrouteConfig, TopologyServices> services) {
            this.topologyServices = Objects.requireNonNull(services, "services");
            return this;
        }

        /**
         * Runs {@code step} with the stack's client settings once every other part is up, right
         * before the app starts (at the end of the start when the stack runs no app), after the
         * steps given before it; on every start. For records the app must find when it starts,
         * such as the account mappings its first mails need (its global stores are loaded before
         * it runs). A step that fails stops the stack again.
         */
        public Builder beforeApp(final Step step) {
            this.beforeApp.add(Objects.requireNonNull(step, "step"));
            return this;
        }

        /** Told about each step, for the console. */
        public Builder progress(final Consumer<String> listener) {
            this.progress = Objects.requireNonNull(listener, "listener");
            return this;
        }

        /**
         * Starts the parts; on failure whatever was started is stopped again.
         *
         * @throws IllegalStateException when a part lacks one it needs
         */
        public MailrouteStack start() throws Exception {
            check();
            final MailrouteStack stack = new MailrouteStack(this);
            try {
                stack.startAll();
                return stack;
            } catch (Exception | Error e) {
                stack.close();
                throw e;
            }
        }

        private void check() {
            if (kafka && existingKafka != null) {
                throw new IllegalStateException("a stack starts a broker or uses an existing one, not both");
            }
            if (registry && existingRegistry != null) {
                throw new IllegalStateException("a stack starts a schema registry or uses an existing one, not both");
            }
            if (s3 && existingS3 != null) {
                throw new IllegalStateException("a stack starts an S3 endpoint or uses an existing one, not both");
            }
            final boolean hasKafka = kafka || existingKafka != null;
            need(topics || rules || connect || app, hasKafka, "topics, rules, Connect and the app need a broker");
            need(rules || app, registry || existingRegistry != null, "the rules and the app need the schema registry");
            need(statusServer != null, app, "the status server serves the app");
            need(
                    !sinks.wanted().isEmpty(),
                    registry && s3,
                    "the sink connectors run on the stack's own schema registry and S3 endpoint");
            need(
                    organizationsConfig.isPresent(),
                    s3Mail != null,
                    "the Organizations connector runs beside the S3 mail connector");
        }

        private static void need(final boolean wanted, final boolean present, final String message) {
            if (wanted && !present) {
                throw new IllegalStateException(message);
            }
        }
    }
}
