package io.mailroute.embedded;

import java.net.URI;
import java.nio.file.Path;
import java.time.Duration;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Objects;
import org.apache.kafka.common.config.provider.FileConfigProvider;
import org.apache.kafka.connect.runtime.Connect;
import org.apache.kafka.connect.runtime.distributed.DistributedHerder;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * A Kafka Connect worker in this JVM, in <em>distributed</em> mode (the only mode with
 * exactly-once source support): the real Connect runtime with its REST API, keeping connector
 * configs, source offsets and statuses in Kafka topics. A worker stopped and started again, or a
 * new worker started with the same group and topics, picks up the connectors and their committed
 * offsets. Several workers may run in one JVM (different REST ports, same or different groups).
 *
 * <pre>{@code
 * try (EmbeddedConnect connect = EmbeddedConnect.builder()
 *         .bootstrapServers(kafka.bootstrapServers())
 *         .restPort(8083)
 *         .start()) {
 *     connect.rest().putConnectorConfig("s3-mail", config);
 *     connect.rest().awaitRunning("s3-mail", 1, Duration.ofSeconds(60));
 * }
 * }</pre>
 */
public final class EmbeddedConnect implements AutoCloseable {
    /** Default worker group id. */
    public static final String DEFAULT_GROUP_ID = "mailroute-connect";
    /** Default key converter: keys are plain strings. */
    public static final String DEFAULT_KEY_CONVERTER = "org.apache.kafka.connect.storage.StringConverter";
    /** Default value converter: values arrive already serialized (Confluent-wire Avro). */
    public static final String DEFAULT_VALUE_CONVERTER = "org.apache.kafka.connect.converters.ByteArrayConverter";
    /** Name of the file config provider {@link Builder#fileConfigProvider(Path)} sets up: {@code ${file:PATH:KEY}}. */
    public static final String FILE_CONFIG_PROVIDER = "file";

    private static final Logger LOG = LoggerFactory.getLogger(EmbeddedConnect.class);

    private final Map<String, String> baseProperties;
    private final String host;
    private final Duration startTimeout;
    private int restPort;
    private Connect<DistributedHerder> connect;
    private URI restUrl;
    private ConnectRestClient rest;
    private boolean closed;

    private EmbeddedConnect(final Builder builder) {
        this.host = builder.host;
        this.restPort = builder.restPort;
        this.startTimeout = builder.startTimeout;
        this.baseProperties = Map.copyOf(builder.workerProperties());
    }

    /** A builder; {@link Builder#bootstrapServers(String)} is required. */
    public static Builder builder() {
        return new Builder();
    }

    /**
     * Starts the worker and waits until it has joined its group and read its config topic
     * ({@code GET /health} answers 200). Starting again after {@link #stop()} reuses the REST
     * port of the first start.
     *
     * @return this
     * @throws IllegalStateException if closed, if the worker failed to start or was not ready in time
     */
    public synchronized EmbeddedConnect start() {
        if (closed) {
            throw new IllegalStateException("EmbeddedConnect is closed");
        }
        if (connect != null) {
            return this;
        }
        final long started = System.nanoTime();
        final Connect<DistributedHerder> starting;
        try {
            // a fresh mutable map per start: Connect keeps the map it is given
            starting = new DistributedWorker().start(new HashMap<>(workerProperties()));
        } catch (RuntimeException e) {
            throw new IllegalStateException("Connect worker failed to start: " + e.getMessage(), e);
        }
        connect = starting;
        final String advertised = starting.rest().advertisedUrl().toString();
        restUrl = URI.create(advertised.endsWith("/") ? advertised.substring(0, advertised.length() - 1) : advertised);
        restPort = restUrl.getPort();
        rest = new ConnectRestClient(restUrl);
        if (!awaitHealthy()) {
            stop();
            throw new IllegalStateException("Connect worker at " + restUrl + " was not ready within " + startTimeout);
        }
        LOG.info(
                "Embedded Connect worker {} (group {}) started in {} ms",
                restUrl,
                baseProperties.get("group.id"),
                (System.nanoTime() - started) / 1_000_000);
        return this;
    }

    /**
     * Stops the worker: its tasks stop (committing their offsets) and it leaves the group; the
     * connectors stay configured in the config topic. Does nothing if stopped.
     */
    public synchronized void stop() {
        if (connect == null) {
            return;
        }
        final long started = System.nanoTime();
        try {
            connect.stop();
            connect.awaitStop();
        } finally {
            connect = null;
        }
        LOG.info("Embedded Connect worker {} stopped in {} ms", restUrl, (System.nanoTime() - started) / 1_000_000);
    }

    /** Stops the worker. Idempotent. */
    @Override
    public synchronized void close() {
        closed = true;
        stop();
    }

    /** True between {@link #start()} and {@link #stop()}. */
    public synchronized boolean isRunning() {
        return connect != null;
    }

    /** The worker's REST URL, e.g. {@code http://127.0.0.1:8083}; known once started. */
    public synchronized URI restUrl() {
        if (restUrl == null) {
            throw new IllegalStateException("EmbeddedConnect was never started");
        }
        return restUrl;
    }

    /** The bound REST port (the real one when the builder asked for 0). */
    public synchronized int restPort() {
        return restUrl().getPort();
    }

    /** The REST client for this worker (one per worker: it holds an HTTP client). */
    public synchronized ConnectRestClient rest() {
        restUrl();
        return rest;
    }

    /** The complete worker configuration used by the next (or current) start. */
    public synchronized Map<String, String> workerProperties() {
        final Map<String, String> props = new LinkedHashMap<>(baseProperties);
        props.put("listeners", "http://" + host + ":" + restPort);
        return props;
    }

    private boolean awaitHealthy() {
        final long deadline = System.nanoTime() + startTimeout.toNanos();
        while (System.nanoTime() - deadline < 0) {
            if (rest.isHealthy()) {
                return true;
            }
            try {
                Thread.sleep(100);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                return false;
            }
        }
        return false;
    }

    /** Settings for an {@link EmbeddedConnect}; every setter returns this builder. */
    public static final class Builder {
        private String bootstrapServers;
        private String groupId = DEFAULT_GROUP_ID;
        private String configTopic;
        private String offsetTopic;
        private String statusTopic;
        private short replicationFactor = 1;
        private String host = "127.0.0.1";
        private int restPort;
        private String pluginDiscovery = "service_load";
        private String pluginPath;
        private String keyConverter = DEFAULT_KEY_CONVERTER;
        private String valueConverter = DEFAULT_VALUE_CONVERTER;
        private boolean exactlyOnce = true;
        private Duration startTimeout = Duration.ofSeconds(60);
        private boolean loopbackOnly;
        private Path fileConfigDir;
        private final Map<String, String> extraProperties = new LinkedHashMap<>();

        private Builder() {}

        /** The Kafka cluster (required). */
        public Builder bootstrapServers(final String bootstrapServers) {
            this.bootstrapServers = Objects.requireNonNull(bootstrapServers, "bootstrapServers");
            return this;
        }

        /** Worker group id; default {@value EmbeddedConnect#DEFAULT_GROUP_ID}. */
        public Builder groupId(final String groupId) {
            this.groupId = Objects.requireNonNull(groupId, "groupId");
            return this;
        }

        /** Config topic; default {@code <groupId>-configs}. */
        public Builder configTopic(final String topic) {
            this.configTopic = topic;
            return this;
        }

        /** Source offset topic; default {@code <groupId>-offsets}. */
        public Builder offsetTopic(final String topic) {
            this.offsetTopic = topic;
            return this;
        }

        /** Status topic; default {@code <groupId>-status}. */
        public Builder statusTopic(final String topic) {
            this.statusTopic = topic;
            return this;
        }

        /** Replication factor of the three internal topics; default 1. */
        public Builder replicationFactor(final short replicationFactor) {
            this.replicationFactor = replicationFactor;
            return this;
        }

        /** Interface the REST listener binds to and advertises; default {@code 127.0.0.1}. */
        public Builder host(final String host) {
            this.host = Objects.requireNonNull(host, "host");
            return this;
        }

        /** REST port; 0 (the default) picks a free port. */
        public Builder restPort(final int port) {
            this.restPort = Ports.checked(port);
            return this;
        }

        /**
         * {@code plugin.discovery}: {@code service_load} (the default: plugins on the class path
         * or plugin path that declare themselves in {@code META-INF/services}), {@code hybrid_warn},
         * {@code hybrid_fail} or {@code only_scan}.
         */
        public Builder pluginDiscovery(final String mode) {
            this.pluginDiscovery = Objects.requireNonNull(mode, "mode");
            return this;
        }

        /** {@code plugin.path}: comma-separated plugin directories or archives; default none (class path only). */
        public Builder pluginPath(final String path) {
            this.pluginPath = path;
            return this;
        }

        /** Worker default key converter class; default {@value EmbeddedConnect#DEFAULT_KEY_CONVERTER}. */
        public Builder keyConverter(final String className) {
            this.keyConverter = Objects.requireNonNull(className, "className");
            return this;
        }

        /** Worker default value converter class; default {@value EmbeddedConnect#DEFAULT_VALUE_CONVERTER}. */
        public Builder valueConverter(final String className) {
            this.valueConverter = Objects.requireNonNull(className, "className");
            return this;
        }

        /** {@code exactly.once.source.support}: enabled (true, the default) or disabled. */
        public Builder exactlyOnce(final boolean enabled) {
            this.exactlyOnce = enabled;
            return this;
        }

        /** How long {@link EmbeddedConnect#start()} waits for the worker to be ready; default 60 s. */
        public Builder startTimeout(final Duration timeout) {
            this.startTimeout = Objects.requireNonNull(timeout, "timeout");
            return this;
        }

        /**
         * Makes the REST API refuse (403) every request whose {@code Host} header is neither a loopback name
         * nor the listener's host ({@link LoopbackHostExtension}): no web page reaches it through a rebound DNS name.
         */
        public Builder loopbackRestOnly() {
            this.loopbackOnly = true;
            return this;
        }

        /**
         * Configures {@code FileConfigProvider} as config provider {@value EmbeddedConnect#FILE_CONFIG_PROVIDER},
         * limited to files under {@code dir} ({@code allowed.paths}): a {@code ${file:...}} placeholder naming any
         * other file, in a connector config or a {@code validate} call, stays unresolved.
         */
        public Builder fileConfigProvider(final Path dir) {
            this.fileConfigDir =
                    Objects.requireNonNull(dir, "dir").toAbsolutePath().normalize();
            return this;
        }

        /** An extra worker setting; overrides the defaults. */
        public Builder workerProperty(final String key, final String value) {
            extraProperties.put(Objects.requireNonNull(key, "key"), Objects.requireNonNull(value, "value"));
            return this;
        }

        /** Extra worker settings; see {@link #workerProperty(String, String)}. */
        public Builder workerProperties(final Map<String, String> properties) {
            properties.forEach(this::workerProperty);
            return this;
        }

        /** Creates the (not yet started) worker. */
        public EmbeddedConnect build() {
            if (bootstrapServers == null) {
                throw new IllegalStateException("bootstrapServers is required");
            }
            return new EmbeddedConnect(this);
        }

        /** {@link #build()} and {@link EmbeddedConnect#start()}. */
        public EmbeddedConnect start() {
            return build().start();
        }

        private Map<String, String> workerProperties() {
            final String rf = Short.toString(replicationFactor);
            final Map<String, String> props = new LinkedHashMap<>();
            props.put("bootstrap.servers", bootstrapServers);
            props.put("group.id", groupId);
            props.put("config.storage.topic", configTopic != null ? configTopic : groupId + "-configs");
            props.put("offset.storage.topic", offsetTopic != null ? offsetTopic : groupId + "-offsets");
            props.put("status.storage.topic", statusTopic != null ? statusTopic : groupId + "-status");
            props.put("config.storage.replication.factor", rf);
            props.put("offset.storage.replication.factor", rf);
            props.put("status.storage.replication.factor", rf);
            props.put("offset.storage.partitions", "5");
            props.put("status.storage.partitions", "1");
            props.put("key.converter", keyConverter);
            props.put("value.converter", valueConverter);
            props.put("exactly.once.source.support", exactlyOnce ? "enabled" : "disabled");
            props.put("plugin.discovery", pluginDiscovery);
            if (pluginPath != null) {
                props.put("plugin.path", pluginPath);
            }
            // commit offsets of non-exactly-once tasks every 10 s instead of 60 s
            props.put("offset.flush.interval.ms", "10000");
            // reassign the work of a worker that left after 5 s instead of 5 minutes
            props.put("scheduled.rebalance.max.delay.ms", "5000");
            if (loopbackOnly) {
                props.put("rest.extension.classes", LoopbackHostExtension.class.getName());
            }
            if (fileConfigDir != null) {
                final String provider = "config.providers." + FILE_CONFIG_PROVIDER;
                props.put("config.providers", FILE_CONFIG_PROVIDER);
                props.put(provider + ".class", FileConfigProvider.class.getName());
                props.put(provider + ".param." + FileConfigProvider.ALLOWED_PATHS_CONFIG, fileConfigDir.toString());
            }
            props.putAll(extraProperties);
            return props;
        }
    }
}
