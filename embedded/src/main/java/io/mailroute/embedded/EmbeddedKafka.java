package io.mailroute.embedded;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.concurrent.ExecutionException;
import java.util.stream.Collectors;
import org.apache.kafka.clients.CommonClientConfigs;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.NewTopic;
import org.apache.kafka.common.errors.TopicExistsException;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * An Apache Kafka node in this JVM: one KRaft process in combined mode (broker and controller),
 * built from Kafka's own server classes. Alone it is a single-node cluster with defaults for one
 * node (replication factor 1 everywhere); given the {@link Builder#quorum quorum} of N nodes (one
 * per JVM, all formatted with the same {@link Builder#clusterId cluster id}) it is one node of N,
 * and with N &ge; 3 the internal topics and new topics default to replication factor 3 and
 * {@code min.insync.replicas} 2. Always: no automatic topic creation, no initial rebalance delay,
 * records up to {@value #DEFAULT_MESSAGE_MAX_BYTES} bytes.
 *
 * <p>The data directory is formatted on first use only, so a cluster started again on the same
 * directory (after {@link #stop()}, {@link #close()} or a killed process) keeps its topics,
 * records, committed offsets and transactions. Without a data directory a temporary one is used
 * and deleted by {@link #close()}.
 *
 * <pre>{@code
 * try (EmbeddedKafka kafka = EmbeddedKafka.builder().dataDir(dir).port(9092).start()) {
 *     kafka.createTopics(new NewTopic("mail.raw", 3, (short) 1));
 *     String bootstrap = kafka.bootstrapServers();
 * }
 * }</pre>
 */
public final class EmbeddedKafka implements AutoCloseable {
    /** Name of the client listener. */
    public static final String BROKER_LISTENER = "PLAINTEXT";
    /** Name of the controller (KRaft quorum) listener. */
    public static final String CONTROLLER_LISTENER = "CONTROLLER";
    /** The node id of a single-node cluster. */
    public static final int NODE_ID = 1;
    /** Default {@code message.max.bytes}: a 2 MB record plus batch overhead fits. */
    public static final int DEFAULT_MESSAGE_MAX_BYTES = 3 * 1024 * 1024;

    private static final Logger LOG = LoggerFactory.getLogger(EmbeddedKafka.class);

    private final Path dataDir;
    private final boolean temporaryDataDir;
    private final String host;
    private final String clusterIdForFormat;
    private final Map<String, String> extraProperties;
    private final int nodeId;
    private final Map<Integer, Integer> quorum;
    private int port;
    private int controllerPort;
    private KraftNode node;
    private String clusterId;
    private boolean closed;

    private EmbeddedKafka(final Builder builder) throws IOException {
        this.temporaryDataDir = builder.dataDir == null;
        this.dataDir =
                temporaryDataDir ? Files.createTempDirectory("mailroute-kafka-") : builder.dataDir.toAbsolutePath();
        this.host = builder.host;
        this.port = builder.port;
        this.controllerPort = builder.controllerPort;
        this.clusterIdForFormat = builder.clusterId;
        this.extraProperties = Map.copyOf(builder.extraProperties);
        this.nodeId = builder.nodeId;
        this.quorum = Map.copyOf(builder.quorum);
    }

    /** A builder with the defaults: temporary data directory, ephemeral ports on 127.0.0.1. */
    public static Builder builder() {
        return new Builder();
    }

    /**
     * Starts the node (formatting the data directory first if it never was) and returns once the
     * broker accepts clients. Starting again after {@link #stop()} reuses the ports of the first
     * start.
     *
     * @return this
     * @throws IllegalStateException if closed, or if startup failed (ports busy, a directory
     *                               formatted for another node, ...)
     */
    public synchronized EmbeddedKafka start() {
        if (closed) {
            throw new IllegalStateException("EmbeddedKafka is closed");
        }
        if (node != null) {
            return this;
        }
        final long started = System.nanoTime();
        final PreboundSockets sockets = new PreboundSockets();
        KraftNode starting = null;
        try {
            KafkaStorage.formatIfNeeded(dataDir, nodeId, clusterIdForFormat, CONTROLLER_LISTENER);
            controllerPort = sockets.bind(CONTROLLER_LISTENER, host, controllerPort);
            port = sockets.bind(BROKER_LISTENER, host, port);
            starting = new KraftNode(brokerProperties(), sockets);
            starting.startup();
            node = starting;
            clusterId = starting.clusterId();
        } catch (IOException | RuntimeException e) {
            shutdownQuietly(starting);
            throw new IllegalStateException("Embedded Kafka failed to start in " + dataDir + ": " + e.getMessage(), e);
        } finally {
            sockets.close();
        }
        LOG.info(
                "Embedded Kafka {} started on {} (controller port {}, data {}) in {} ms",
                clusterId,
                bootstrapServers(),
                controllerPort,
                dataDir,
                (System.nanoTime() - started) / 1_000_000);
        return this;
    }

    /**
     * Shuts the node down cleanly (controlled broker shutdown, then the controller) and keeps
     * the data directory, so that {@link #start()} can bring it back. Does nothing if stopped.
     */
    public synchronized void stop() {
        if (node == null) {
            return;
        }
        final long started = System.nanoTime();
        try {
            node.shutdown();
        } finally {
            node = null;
        }
        LOG.info("Embedded Kafka on port {} stopped in {} ms", port, (System.nanoTime() - started) / 1_000_000);
    }

    /** Stops the node and deletes the data directory if it was a temporary one. Idempotent. */
    @Override
    public synchronized void close() {
        if (closed) {
            return;
        }
        closed = true;
        try {
            stop();
        } finally {
            if (temporaryDataDir) {
                TempDirs.deleteQuietly(dataDir);
            }
        }
    }

    /** True between {@link #start()} and {@link #stop()}. */
    public synchronized boolean isRunning() {
        return node != null;
    }

    /** {@code host:port} of the client listener, for {@code bootstrap.servers}. */
    public synchronized String bootstrapServers() {
        requirePorts();
        return host + ":" + port;
    }

    /** The bound client port (the real one when the builder asked for 0). */
    public synchronized int port() {
        requirePorts();
        return port;
    }

    /** The bound controller port. */
    public synchronized int controllerPort() {
        requirePorts();
        return controllerPort;
    }

    /** The Kafka log directory (also the KRaft metadata directory). */
    public Path dataDir() {
        return dataDir;
    }

    /** The cluster id stored in the data directory; known once started. */
    public synchronized String clusterId() {
        if (clusterId == null) {
            throw new IllegalStateException("EmbeddedKafka was never started");
        }
        return clusterId;
    }

    /** The client settings to reach this cluster: just {@code bootstrap.servers}. */
    public Map<String, Object> clientConfig() {
        final Map<String, Object> config = new LinkedHashMap<>();
        config.put(CommonClientConfigs.BOOTSTRAP_SERVERS_CONFIG, bootstrapServers());
        return config;
    }

    /** A new admin client for this cluster; the caller closes it. */
    public Admin createAdmin() {
        return Admin.create(clientConfig());
    }

    /** Creates the topics that do not exist yet and waits for the result. */
    public void createTopics(final NewTopic... topics) {
        try (Admin admin = createAdmin()) {
            for (final var entry : admin.createTopics(List.of(topics)).values().entrySet()) {
                try {
                    entry.getValue().get();
                } catch (ExecutionException e) {
                    if (!(e.getCause() instanceof TopicExistsException)) {
                        throw new IllegalStateException(
                                "Creating topic " + entry.getKey() + " failed: "
                                        + e.getCause().getMessage(),
                                e.getCause());
                    }
                }
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("Interrupted while creating topics", e);
        }
    }

    /** The complete broker configuration used by the next (or current) start. */
    public synchronized Map<String, String> brokerProperties() {
        final String listenerHost = host;
        final Map<String, String> props = new LinkedHashMap<>();
        // combined nodes, a static quorum of voters: nothing about the ports is written to the data
        // directory, so a restart may use other ports (a single node's own)
        props.put("process.roles", "broker,controller");
        props.put("node.id", Integer.toString(nodeId));
        props.put("controller.quorum.voters", voters(listenerHost));
        props.put("controller.listener.names", CONTROLLER_LISTENER);
        props.put(
                "listeners",
                BROKER_LISTENER + "://" + listenerHost + ":" + port + "," + CONTROLLER_LISTENER + "://" + listenerHost
                        + ":" + controllerPort);
        props.put("advertised.listeners", BROKER_LISTENER + "://" + listenerHost + ":" + port);
        props.put(
                "listener.security.protocol.map", BROKER_LISTENER + ":PLAINTEXT," + CONTROLLER_LISTENER + ":PLAINTEXT");
        props.put("inter.broker.listener.name", BROKER_LISTENER);
        props.put("log.dirs", dataDir.toString());
        props.put("metadata.log.dir", dataDir.toString());
        final String replicas = Integer.toString(replicationFactor());
        final String minIsr = Integer.toString(minInsyncReplicas());
        props.put("offsets.topic.replication.factor", replicas);
        props.put("offsets.topic.num.partitions", "10");
        props.put("transaction.state.log.replication.factor", replicas);
        props.put("transaction.state.log.min.isr", minIsr);
        props.put("transaction.state.log.num.partitions", "10");
        props.put("share.coordinator.state.topic.replication.factor", replicas);
        props.put("share.coordinator.state.topic.min.isr", minIsr);
        props.put("default.replication.factor", replicas);
        props.put("min.insync.replicas", minIsr);
        props.put("num.partitions", "1");
        props.put("group.initial.rebalance.delay.ms", "0");
        // after a kill -9 the controller keeps the old broker session alive until it times out
        // and refuses the new registration until then: 9 s by default, 4 s here
        props.put("broker.heartbeat.interval.ms", "1000");
        props.put("broker.session.timeout.ms", "4000");
        props.put("auto.create.topics.enable", "false");
        props.put("message.max.bytes", Integer.toString(DEFAULT_MESSAGE_MAX_BYTES));
        props.put("replica.fetch.max.bytes", Integer.toString(DEFAULT_MESSAGE_MAX_BYTES));
        props.put("socket.request.max.bytes", Integer.toString(Math.max(104_857_600, 2 * DEFAULT_MESSAGE_MAX_BYTES)));
        props.putAll(extraProperties);
        return props;
    }

    /** How many nodes the cluster has: 1, or the size of the quorum given. */
    public int clusterSize() {
        return quorum.isEmpty() ? 1 : quorum.size();
    }

    /** The default replication factor of the cluster's topics, internal ones included. */
    public int replicationFactor() {
        return replicationFactor(clusterSize());
    }

    /** The default {@code min.insync.replicas}. */
    public int minInsyncReplicas() {
        return minInsyncReplicas(clusterSize());
    }

    /** The replication factor of a cluster of {@code nodes}: 3 from 3 nodes on, else 1. */
    public static int replicationFactor(final int nodes) {
        return nodes >= 3 ? 3 : 1;
    }

    /** The {@code min.insync.replicas} of a cluster of {@code nodes}: 2 from 3 nodes on (a write survives one node down), else 1. */
    public static int minInsyncReplicas(final int nodes) {
        return nodes >= 3 ? 2 : 1;
    }

    private String voters(final String listenerHost) {
        if (quorum.isEmpty()) {
            return nodeId + "@" + listenerHost + ":" + controllerPort;
        }
        return quorum.entrySet().stream()
                .sorted(Map.Entry.comparingByKey())
                .map(voter -> voter.getKey() + "@" + listenerHost + ":" + voter.getValue())
                .collect(Collectors.joining(","));
    }

    private void requirePorts() {
        if (port == 0 || controllerPort == 0) {
            throw new IllegalStateException("EmbeddedKafka was never started: its ports are not known yet");
        }
    }

    private static void shutdownQuietly(final KraftNode starting) {
        if (starting == null) {
            return;
        }
        try {
            starting.shutdown();
        } catch (RuntimeException e) {
            LOG.warn("Shutting down the partly started embedded Kafka failed", e);
        }
    }

    /** Settings for an {@link EmbeddedKafka}; every setter returns this builder. */
    public static final class Builder {
        private Path dataDir;
        private String host = "127.0.0.1";
        private int port;
        private int controllerPort;
        private String clusterId;
        private int nodeId = NODE_ID;
        private final Map<Integer, Integer> quorum = new LinkedHashMap<>();
        private final Map<String, String> extraProperties = new LinkedHashMap<>();

        private Builder() {}

        /** Persistent log directory (created if missing); default: a temporary directory deleted on close. */
        public Builder dataDir(final Path dir) {
            this.dataDir = dir;
            return this;
        }

        /** Interface the listeners bind to and advertise; default {@code 127.0.0.1}. */
        public Builder host(final String host) {
            this.host = Objects.requireNonNull(host, "host");
            return this;
        }

        /** Client listener port; 0 (the default) picks a free port. */
        public Builder port(final int port) {
            this.port = Ports.checked(port);
            return this;
        }

        /** Controller listener port; 0 (the default) picks a free port. */
        public Builder controllerPort(final int port) {
            this.controllerPort = Ports.checked(port);
            return this;
        }

        /** Cluster id written when the data directory is formatted; default random. */
        public Builder clusterId(final String clusterId) {
            this.clusterId = clusterId;
            return this;
        }

        /**
         * This node as one of a cluster of {@code controllerPorts.size()} combined nodes on this
         * builder's host, each in its own JVM: its node id and every node's controller port by node
         * id (its own included, and equal to its {@link #controllerPort}). Every node of the cluster
         * takes the same map and the same {@link #clusterId}.
         *
         * @throws IllegalArgumentException when {@code controllerPorts} lacks {@code id} or a port is 0
         */
        public Builder quorum(final int id, final Map<Integer, Integer> controllerPorts) {
            if (!controllerPorts.containsKey(id)) {
                throw new IllegalArgumentException("the quorum " + controllerPorts + " lacks node " + id);
            }
            controllerPorts.values().forEach(p -> {
                if (Ports.checked(p) == 0) {
                    throw new IllegalArgumentException("every voter of a quorum needs its controller port, not 0");
                }
            });
            this.nodeId = id;
            this.quorum.clear();
            this.quorum.putAll(controllerPorts);
            return controllerPort(controllerPorts.get(id));
        }

        /** An extra broker setting; overrides the defaults (listener and quorum settings included). */
        public Builder brokerProperty(final String key, final String value) {
            extraProperties.put(Objects.requireNonNull(key, "key"), Objects.requireNonNull(value, "value"));
            return this;
        }

        /** Extra broker settings; see {@link #brokerProperty(String, String)}. */
        public Builder brokerProperties(final Map<String, String> properties) {
            properties.forEach(this::brokerProperty);
            return this;
        }

        /** Creates the (not yet started) cluster; a temporary data directory is created now. */
        public EmbeddedKafka build() {
            try {
                return new EmbeddedKafka(this);
            } catch (IOException e) {
                throw new UncheckedIOException("Cannot create a temporary Kafka data directory", e);
            }
        }

        /** {@link #build()} and {@link EmbeddedKafka#start()}. */
        public EmbeddedKafka start() {
            final EmbeddedKafka kafka = build();
            try {
                return kafka.start();
            } catch (RuntimeException e) {
                kafka.close();
                throw e;
            }
        }
    }
}
