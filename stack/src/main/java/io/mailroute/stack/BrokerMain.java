package io.mailroute.stack;

import io.mailroute.embedded.ChildMain;
import io.mailroute.embedded.EmbeddedKafka;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * One KRaft node of {@link LocalCluster} in its own JVM:
 * {@code BrokerMain DATA_DIR HOST PORT NODE_ID CLUSTER_ID QUORUM}, the quorum as
 * {@code id:controllerPort,...}. Prints {@code BROKER READY <host:port>} once it serves clients.
 */
public final class BrokerMain {
    public static final String READY = "BROKER READY ";

    private BrokerMain() {}

    public static void main(final String[] args) throws Exception {
        final int nodeId = Integer.parseInt(args[3]);
        try (EmbeddedKafka kafka = EmbeddedKafka.builder()
                .dataDir(Path.of(args[0]))
                .host(args[1])
                .port(Integer.parseInt(args[2]))
                .clusterId(args[4])
                .quorum(nodeId, quorum(args[5]))
                .start()) {
            System.out.println(READY + kafka.bootstrapServers());
            System.out.flush();
            ChildMain.parkUntilExit();
        }
    }

    /** {@code 1:9093,2:40001} as node id to controller port. */
    static Map<Integer, Integer> quorum(final String voters) {
        final Map<Integer, Integer> ports = new LinkedHashMap<>();
        for (final String voter : voters.split(",")) {
            final String[] idAndPort = voter.split(":");
            ports.put(Integer.parseInt(idAndPort[0]), Integer.parseInt(idAndPort[1]));
        }
        return ports;
    }
}
