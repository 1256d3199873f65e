package io.mailroute.runtime.app;

import io.mailroute.runtime.client.ClientSettings;
import io.mailroute.schemas.registry.SchemaRegistryClient;
import io.mailroute.schemas.registry.SchemaRegistryClients;
import io.mailroute.schemas.topics.MailTopics;
import io.mailroute.topology.MailStreamsConfig;
import io.mailroute.topology.MailTopology;
import io.mailroute.topology.TopologyServices;
import io.mailroute.topology.config.MailrouteConfig;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Deque;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Properties;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.function.Function;
import org.apache.kafka.streams.CloseOptions;
import org.apache.kafka.streams.CloseOptions.GroupMembershipOperation;
import org.apache.kafka.streams.KafkaStreams;
import org.apache.kafka.streams.StreamsConfig;
import org.apache.kafka.streams.Topology;
import org.apache.kafka.streams.TopologyDescription;
import org.apache.kafka.streams.errors.StreamsUncaughtExceptionHandler.StreamThreadExceptionResponse;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The mail topology as a running Kafka Streams application against any cluster: {@code mailroute
 * run} and {@code mailroute local} both start it. A stream thread that dies of an unexpected
 * exception is replaced (per-record failures are already turned into dead letters by the
 * topology's handlers), so one bad mail never stops processing. Services that need the streams
 * instance (the status server: its probes, interactive queries and metrics) are registered with
 * {@link #onCreated}; they start before the streams do, so that they answer while the streams
 * restore, and are closed before the streams.
 */
public final class MailrouteApp implements AutoCloseable {
    /** Default time {@link #start} waits for the streams to reach RUNNING. */
    public static final Duration DEFAULT_START_TIMEOUT = Duration.ofSeconds(120);

    private static final Duration CLOSE_TIMEOUT = Duration.ofSeconds(30);
    private static final Logger log = LoggerFactory.getLogger(MailrouteApp.class);

    /** Starts a service that needs the streams instance; the returned service is closed with the app. */
    @FunctionalInterface
    public interface ServiceStarter {
        AutoCloseable start(KafkaStreams streams) throws Exception;
    }

    private final Map<String, Object> settings;
    private final Function<MailrouteConfig, TopologyServices> servicesFactory;
    private final List<ServiceStarter> starters = new ArrayList<>();
    private final Deque<AutoCloseable> services = new ArrayDeque<>();
    private final CountDownLatch running = new CountDownLatch(1);
    private final CountDownLatch stopped = new CountDownLatch(1);
    private SchemaRegistryClient registry;
    private TopologyServices topologyServices;
    private KafkaStreams streams;
    private Topology topology;
    private volatile KafkaStreams.State failedIn;
    private boolean closed;

    /**
     * @param settings Streams, serde ({@code schema.registry.url}), {@code mailroute.*} and topic name settings
     */
    public MailrouteApp(final Map<String, ?> settings) {
        this(settings, TopologyServices::from);
    }

    /**
     * @param settings as above
     * @param services makes what the topology calls out to (claim-check store, bounce detector) from the settings
     */
    public MailrouteApp(final Map<String, ?> settings, final Function<MailrouteConfig, TopologyServices> services) {
        this.settings = Map.copyOf(settings);
        this.servicesFactory = services;
    }

    /**
     * The app's settings for a cluster: the Kafka client settings, the registry and
     * {@code mailroute.*} keys of {@code client}, claim-check fetches from where and as whom
     * {@code client} reaches S3 (its S3 connection as the topology's {@code mailroute.s3.*} keys,
     * unless those are given), and the state directory; {@code overrides} win.
     */
    public static Map<String, Object> settings(
            final ClientSettings client, final Path stateDir, final Map<String, ?> overrides) {
        final Map<String, Object> props = new HashMap<>(client.kafka());
        props.remove("client.id");
        props.putAll(client.serde());
        props.putAll(client.application());
        MailrouteConfig.S3.connectionProperties(client.s3Settings()).forEach(props::putIfAbsent);
        props.put(StreamsConfig.STATE_DIR_CONFIG, stateDir.toAbsolutePath().toString());
        props.putAll(overrides);
        return props;
    }

    /**
     * Registers a service to start once the streams instance exists, before it starts (at once when it
     * exists already).
     */
    public synchronized MailrouteApp onCreated(final ServiceStarter starter) throws Exception {
        Objects.requireNonNull(starter, "starter");
        starters.add(starter);
        if (streams != null) {
            services.push(starter.start(streams));
        }
        return this;
    }

    /**
     * Builds the topology, starts the registered services and the streams, and waits until the streams
     * are RUNNING.
     *
     * @throws IllegalStateException when the streams fail or are not running within {@code timeout}
     */
    public MailrouteApp start(final Duration timeout) throws Exception {
        launch();
        if (!awaitRunning(timeout)) {
            throw new IllegalStateException("the mail topology was not running after " + timeout.toSeconds()
                    + " s (state " + kafkaStreams().state() + ")");
        }
        return this;
    }

    /**
     * Builds the topology, starts the registered services and then the streams, and returns at once:
     * the streams rebalance and restore their state in the background.
     */
    public MailrouteApp launch() throws Exception {
        synchronized (this) {
            if (closed || streams != null) {
                throw new IllegalStateException(closed ? "the app is closed" : "the app is started already");
            }
            registry = SchemaRegistryClients.fromConfig(settings);
            final MailTopics topics = MailTopics.create(settings, registry, settings);
            topologyServices = servicesFactory.apply(new MailrouteConfig(MailStreamsConfig.properties(settings)));
            topology = MailTopology.build(settings, topics, topologyServices);
            final Properties props = MailStreamsConfig.properties(settings);
            streams = new KafkaStreams(topology, props);
            streams.setUncaughtExceptionHandler(e -> {
                log.error("A stream thread failed; replacing it", e);
                return StreamThreadExceptionResponse.REPLACE_THREAD;
            });
            streams.setStateListener((now, before) -> {
                log.info("Streams state {} -> {}", before, now);
                if (now == KafkaStreams.State.RUNNING) {
                    running.countDown();
                } else if (now == KafkaStreams.State.ERROR || now == KafkaStreams.State.PENDING_ERROR) {
                    failedIn = now;
                    running.countDown();
                }
                if (now == KafkaStreams.State.NOT_RUNNING || now == KafkaStreams.State.ERROR) {
                    stopped.countDown();
                }
            });
            for (final ServiceStarter starter : starters) {
                services.push(starter.start(streams));
            }
            streams.start();
        }
        return this;
    }

    /**
     * Waits up to {@code timeout} for the launched streams to be RUNNING.
     *
     * @return true once RUNNING, false when still starting after {@code timeout}
     * @throws IllegalStateException when the streams failed
     */
    public boolean awaitRunning(final Duration timeout) throws InterruptedException {
        final boolean settled = running.await(timeout.toMillis(), TimeUnit.MILLISECONDS);
        if (failedIn != null) {
            throw new IllegalStateException("the mail topology failed to start (state " + failedIn + "); see the log");
        }
        return settled;
    }

    /**
     * Blocks until the streams have stopped: closed ({@code NOT_RUNNING}) or failed for good
     * ({@code ERROR}); returns that state.
     */
    public KafkaStreams.State awaitStopped() throws InterruptedException {
        stopped.await();
        return failedIn == KafkaStreams.State.ERROR ? KafkaStreams.State.ERROR : KafkaStreams.State.NOT_RUNNING;
    }

    /** The streams instance, for interactive queries; null before {@link #start}. */
    public synchronized KafkaStreams kafkaStreams() {
        return streams;
    }

    /** The running topology's description; null before {@link #start}. */
    public synchronized TopologyDescription describe() {
        return topology == null ? null : topology.describe();
    }

    public String applicationId() {
        return MailStreamsConfig.properties(settings).getProperty(StreamsConfig.APPLICATION_ID_CONFIG);
    }

    /** Closes the services (last started first), then the streams, then what the topology called out to. */
    @Override
    public synchronized void close() {
        if (closed) {
            return;
        }
        closed = true;
        while (!services.isEmpty()) {
            final AutoCloseable service = services.pop();
            try {
                service.close();
            } catch (Exception e) {
                log.warn("Closing {} failed", service, e);
            }
        }
        // leaving the group lets a restarted instance take its tasks over at once, not after the session timeout
        if (streams != null
                && !streams.close(CloseOptions.groupMembershipOperation(GroupMembershipOperation.LEAVE_GROUP)
                        .withTimeout(CLOSE_TIMEOUT))) {
            log.warn("The streams did not close within {} s", CLOSE_TIMEOUT.toSeconds());
        }
        if (topologyServices != null) {
            topologyServices.close();
        }
        if (registry != null) {
            registry.close();
        }
    }
}
