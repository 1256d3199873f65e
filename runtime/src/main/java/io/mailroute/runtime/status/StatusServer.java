package io.mailroute.runtime.status;

import com.sun.net.httpserver.HttpServer;
import io.mailroute.avro.ClassifiedMail;
import io.mailroute.avro.Lane;
import io.mailroute.runtime.client.ClientSettings;
import io.mailroute.runtime.client.LocalDefaults;
import io.mailroute.runtime.client.Resubmitter;
import io.mailroute.runtime.client.TopicReader;
import io.mailroute.schemas.registry.SchemaRegistryClient;
import io.mailroute.schemas.topics.MailTopics;
import io.mailroute.schemas.topics.Topic;
import io.micrometer.core.instrument.binder.kafka.KafkaClientMetrics;
import io.micrometer.core.instrument.binder.kafka.KafkaStreamsMetrics;
import io.micrometer.prometheusmetrics.PrometheusConfig;
import io.micrometer.prometheusmetrics.PrometheusMeterRegistry;
import java.io.IOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.URI;
import java.time.Clock;
import java.time.Duration;
import java.util.ArrayDeque;
import java.util.Deque;
import java.util.EnumMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import org.apache.kafka.clients.CommonClientConfigs;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.streams.KafkaStreams;
import org.apache.kafka.streams.TopologyDescription;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import software.amazon.awssdk.services.s3.S3Client;

/**
 * The status server: a web page at {@code /}, a REST API under {@code /api}, Prometheus
 * metrics at {@code /metrics} and the probes {@code /livez} and {@code /readyz}, on the JDK's HTTP
 * server. It may start before the streams do: the probes answer at once, and what needs the
 * running streams answers 503 until they run. It reads mail status by interactive
 * query from the given streams instance, watches the lane topics and {@code mail.deliveries} with its
 * own consumers, and re-publishes mail with the {@link Resubmitter}; it never changes the topology.
 *
 * <pre>{@code
 * try (StatusServer server = StatusServer.start(StatusServer.Settings.local(), streams, topology.describe(), clients)) {
 *     System.out.println("status page: " + server.uri());
 * }
 * }</pre>
 *
 * Closing it stops the server and its clients, not the streams instance.
 */
public final class StatusServer implements AutoCloseable {
    /** The liveness probe: 200 unless the streams are in ERROR. */
    public static final String LIVENESS_PATH = "/livez";
    /** The readiness probe: 200 only while the streams run. */
    public static final String READINESS_PATH = "/readyz";
    /** The Prometheus scrape path. */
    public static final String METRICS_PATH = "/metrics";
    /** How often the Kafka Streams client's new metrics (a topic's, once it is fetched) are looked for. */
    static final Duration KAFKA_METRICS_REFRESH = Duration.ofSeconds(10);

    private static final Logger LOG = LoggerFactory.getLogger(StatusServer.class);
    private static final List<Lane> LANES = List.of(Lane.NOTIFY, Lane.TICKET, Lane.ORDER_IMPORT, Lane.QUARANTINE);
    /** Exchanges handled at once, and exchanges waiting for a thread (more are refused). */
    private static final int THREADS = 4;

    private static final int QUEUED = 64;
    /** Mails whose deliveries the server keeps for {@code /api/status}: those updated last. */
    static final int DELIVERY_MAILS = 10_000;

    /**
     * How the server binds and what it shows.
     *
     * @param bindAddress    address to bind; anything but loopback requires {@code token}
     * @param port           port to bind; 0 for any free port
     * @param token          bearer token state-changing calls must carry; null for none (loopback only)
     * @param recentLimit    lane records kept for the recent-mail list
     * @param listLimit      entries per list (recent, dlq, retry, alerts)
     * @param inlineMaxBytes mail rebuilt from S3 up to this size travels inline when re-published
     * @param readTimeout    time limit of one topic read
     * @param clientTime     time a client may take to send its request, and again to take the answer;
     *                       a slower one is cut off
     */
    public record Settings(
            String bindAddress,
            int port,
            String token,
            int recentLimit,
            int listLimit,
            int inlineMaxBytes,
            Duration readTimeout,
            Duration clientTime) {

        /** 127.0.0.1:8080, no token: what {@code mailroute local} uses. */
        public static Settings local() {
            return new Settings(
                    "127.0.0.1",
                    LocalDefaults.STATUS_PORT,
                    null,
                    200,
                    50,
                    900_000,
                    Duration.ofSeconds(20),
                    Duration.ofSeconds(10));
        }

        public Settings withBinding(final String address, final int newPort) {
            return new Settings(
                    address, newPort, token, recentLimit, listLimit, inlineMaxBytes, readTimeout, clientTime);
        }

        public Settings withToken(final String newToken) {
            return new Settings(
                    bindAddress, port, newToken, recentLimit, listLimit, inlineMaxBytes, readTimeout, clientTime);
        }

        public Settings withClientTime(final Duration newClientTime) {
            return new Settings(
                    bindAddress, port, token, recentLimit, listLimit, inlineMaxBytes, readTimeout, newClientTime);
        }

        /** Never shows the token. */
        @Override
        public String toString() {
            return "Settings[" + bindAddress + ":" + port + ", token "
                    + (token == null || token.isBlank() ? "none" : "set") + ", recent " + recentLimit + ", lists "
                    + listLimit + ", client time " + clientTime + "]";
        }
    }

    private final HttpServer http;
    private final Deque<AutoCloseable> resources;
    private final PrometheusMeterRegistry registry;
    private final URI uri;

    private StatusServer(
            final HttpServer http, final Deque<AutoCloseable> resources, final PrometheusMeterRegistry registry) {
        this.http = http;
        this.resources = resources;
        this.registry = registry;
        final InetSocketAddress bound = http.getAddress();
        final String host = bound.getAddress().isAnyLocalAddress()
                ? "127.0.0.1"
                : bound.getAddress().getHostAddress();
        this.uri = URI.create("http://" + (host.contains(":") ? "[" + host + "]" : host) + ":" + bound.getPort() + "/");
    }

    /**
     * Starts the server for a streams instance of {@code MailTopology}: created, starting or running.
     *
     * @param topology the description of the topology {@code streams} runs, for {@code /api/topology}
     * @param clients  how to reach Kafka, the registry and S3 (topic names from its {@code mailroute.topic.*} keys)
     * @throws IllegalArgumentException when bound to a non-loopback address without a token
     * @throws IOException              when the address cannot be bound
     */
    public static StatusServer start(
            final Settings settings,
            final KafkaStreams streams,
            final TopologyDescription topology,
            final ClientSettings clients)
            throws IOException {
        return start(settings, streams, topology, clients, Optional.empty());
    }

    /**
     * Starts the server, listing the mail {@code outbox} captured at {@code /api/outbox} and on the page.
     *
     * @see #start(Settings, KafkaStreams, TopologyDescription, ClientSettings)
     */
    public static StatusServer start(
            final Settings settings,
            final KafkaStreams streams,
            final TopologyDescription topology,
            final ClientSettings clients,
            final Optional<Outbox> outbox)
            throws IOException {
        final AccessPolicy policy =
                AccessPolicy.forBinding(InetAddress.getByName(settings.bindAddress()), settings.token());
        final Deque<AutoCloseable> resources = new ArrayDeque<>();
        try {
            final PrometheusMeterRegistry registry = new PrometheusMeterRegistry(PrometheusConfig.DEFAULT);
            resources.push(registry::close);
            ProcessMetrics.bindTo(registry, resources);
            final ScheduledExecutorService metricsRefresh = Executors.newSingleThreadScheduledExecutor(runnable -> {
                final Thread thread = new Thread(runnable, "mailroute-status-kafka-metrics");
                thread.setDaemon(true);
                return thread;
            });
            resources.push(metricsRefresh::shutdownNow);
            // Kafka creates a topic's consumer metrics when the topic is first fetched; micrometer binds them
            // when it next looks (every minute by default), and until then /metrics lacks them
            final KafkaStreamsMetrics streamsMetrics =
                    new KafkaStreamsMetrics(streams, List.of(), metricsRefresh, KAFKA_METRICS_REFRESH);
            resources.push(streamsMetrics);
            streamsMetrics.bindTo(registry);
            StreamsStateMetrics.bindTo(registry, streams);

            final SchemaRegistryClient schemaRegistry = clients.registry();
            resources.push(schemaRegistry);
            final MailTopics topics = clients.topics(schemaRegistry);

            final LaneCounts counts = new LaneCounts(LANES, registry, Clock.systemUTC(), settings.recentLimit());
            final KafkaConsumer<byte[], byte[]> laneConsumer =
                    new KafkaConsumer<>(clientProps(clients.consumer(), "lanes"));
            final LaneWatcher watcher = new LaneWatcher(
                    laneConsumer,
                    laneTopics(topics),
                    counts,
                    topics.dlq().name(),
                    topics.retry().name(),
                    new ErrorLaneCounts(registry));
            resources.push(watcher);
            bind(new KafkaClientMetrics(laneConsumer), registry, resources);

            final DeliveryIndex deliveries = new DeliveryIndex(registry, DELIVERY_MAILS);
            final KafkaConsumer<byte[], byte[]> deliveryConsumer =
                    new KafkaConsumer<>(clientProps(clients.consumer(), "deliveries"));
            final DeliveryWatcher deliveryWatcher =
                    new DeliveryWatcher(deliveryConsumer, topics.deliveries(), deliveries);
            resources.push(deliveryWatcher);
            bind(new KafkaClientMetrics(deliveryConsumer), registry, resources);

            final KafkaConsumer<byte[], byte[]> tailConsumer =
                    new KafkaConsumer<>(clientProps(clients.consumer(), "tail"));
            final TopicTail tail = new TopicTail(tailConsumer, settings.readTimeout());
            resources.push(tail);
            bind(new KafkaClientMetrics(tailConsumer), registry, resources);

            final S3Client s3 = clients.s3();
            resources.push(s3);
            final KafkaProducer<byte[], byte[]> producer =
                    new KafkaProducer<>(clientProps(clients.transactionalProducer("status"), "producer"));
            final Resubmitter resubmitter = new Resubmitter(clients, topics, s3, settings.inlineMaxBytes(), producer);
            resources.push(resubmitter);
            bind(new KafkaClientMetrics(producer), registry, resources);
            final StatusLookup lookup = new StatusLookup(streams);
            final MailActions actions =
                    new MailActions(new TopicReader(clients), topics, resubmitter, lookup, settings.readTimeout());

            final StatusApi api = new StatusApi(
                    streams,
                    lookup,
                    counts,
                    watcher,
                    deliveries,
                    deliveryWatcher,
                    tail,
                    topics,
                    actions,
                    topology,
                    registry,
                    policy.tokenRequired(),
                    settings.listLimit(),
                    outbox);
            final HttpServer http = HttpServer.create(
                    new InetSocketAddress(InetAddress.getByName(settings.bindAddress()), settings.port()), 0);
            final BoundedExecutor executor = new BoundedExecutor(THREADS, QUEUED, settings.clientTime());
            resources.push(executor);
            http.setExecutor(executor);
            http.createContext("/", new HttpEndpoint(api.router(), policy, executor));
            watcher.start();
            deliveryWatcher.start();
            http.start();
            final StatusServer server = new StatusServer(http, resources, registry);
            LOG.info("Status server on {} ({})", server.uri(), settings);
            return server;
        } catch (IOException | RuntimeException e) {
            closeAll(resources, e);
            throw e;
        }
    }

    /** Where the page is, e.g. {@code http://127.0.0.1:8080/}. A wildcard binding is reported as 127.0.0.1. */
    public URI uri() {
        return uri;
    }

    /** The registry behind {@code /metrics}, for meters of the hosting application. */
    public PrometheusMeterRegistry registry() {
        return registry;
    }

    @Override
    public void close() {
        http.stop(0);
        final RuntimeException failure = new IllegalStateException("closing the status server failed");
        closeAll(resources, failure);
        if (failure.getSuppressed().length > 0) {
            throw failure;
        }
    }

    private static Map<Lane, Topic<String, ClassifiedMail>> laneTopics(final MailTopics topics) {
        final Map<Lane, Topic<String, ClassifiedMail>> lanes = new EnumMap<>(Lane.class);
        LANES.forEach(lane -> lanes.put(lane, topics.lane(lane)));
        return lanes;
    }

    private static Map<String, Object> clientProps(final Map<String, Object> props, final String role) {
        props.put(CommonClientConfigs.CLIENT_ID_CONFIG, "mailroute-status-" + role);
        return props;
    }

    private static void bind(
            final KafkaClientMetrics metrics,
            final PrometheusMeterRegistry registry,
            final Deque<AutoCloseable> resources) {
        resources.push(metrics);
        metrics.bindTo(registry);
    }

    private static void closeAll(final Deque<AutoCloseable> resources, final Exception failure) {
        while (!resources.isEmpty()) {
            try {
                resources.pop().close();
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                failure.addSuppressed(e);
            } catch (Exception e) {
                failure.addSuppressed(e);
            }
        }
    }
}
