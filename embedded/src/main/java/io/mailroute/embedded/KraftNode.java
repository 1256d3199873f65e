package io.mailroute.embedded;

import java.util.Map;
import java.util.concurrent.CompletableFuture;
import kafka.server.BrokerServer;
import kafka.server.ControllerServer;
import kafka.server.KafkaConfig;
import kafka.server.KafkaRaftServer;
import kafka.server.Server;
import kafka.server.SharedServer;
import org.apache.kafka.common.metrics.Metrics;
import org.apache.kafka.common.utils.Time;
import org.apache.kafka.metadata.bootstrap.BootstrapMetadata;
import org.apache.kafka.metadata.properties.MetaPropertiesEnsemble;
import org.apache.kafka.raft.QuorumConfig;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import scala.Tuple2;

/**
 * One combined-mode KRaft process (controller + broker sharing one {@link SharedServer}), wired
 * exactly like {@link KafkaRaftServer} but with pre-bound listener sockets and a fault handler
 * that does not halt the JVM.
 */
final class KraftNode {
    private static final Logger LOG = LoggerFactory.getLogger(KraftNode.class);

    private final ControllerServer controller;
    private final BrokerServer broker;
    private final String clusterId;

    KraftNode(final Map<String, String> props, final PreboundSockets sockets) {
        final KafkaConfig config = new KafkaConfig(props, false);
        final Tuple2<MetaPropertiesEnsemble, BootstrapMetadata> dirs =
                KafkaRaftServer.initializeLogDirs(config, LOG, "[embedded kafka] ");
        this.clusterId = dirs._1().clusterId().orElseThrow();
        final Metrics metrics = Server.initializeMetrics(config, Time.SYSTEM, clusterId);
        final SharedServer shared = new SharedServer(
                config,
                dirs._1(),
                Time.SYSTEM,
                metrics,
                CompletableFuture.completedFuture(
                        QuorumConfig.parseVoterConnections(config.quorumConfig().voters())),
                QuorumConfig.parseBootstrapServers(config.quorumConfig().bootstrapServers()),
                new LoggingFaultHandlerFactory(),
                sockets);
        this.controller = new ControllerServer(shared, KafkaRaftServer.configSchema(), dirs._2());
        this.broker = new BrokerServer(shared);
    }

    String clusterId() {
        return clusterId;
    }

    /** Starts the controller, then the broker; returns once the broker is unfenced. */
    void startup() {
        controller.startup();
        broker.startup();
    }

    /** Broker first (controlled shutdown needs the controller), then the controller. */
    void shutdown() {
        try {
            broker.shutdown();
            broker.awaitShutdown();
        } finally {
            controller.shutdown();
            controller.awaitShutdown();
        }
    }
}
