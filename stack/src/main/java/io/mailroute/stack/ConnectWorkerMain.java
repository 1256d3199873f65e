package io.mailroute.stack;

import io.mailroute.embedded.ChildMain;
import io.mailroute.embedded.EmbeddedConnect;
import java.nio.file.Path;

/**
 * One Connect worker of {@link LocalCluster} in its own JVM, configured as {@link
 * MailrouteStack#worker}: {@code ConnectWorkerMain BOOTSTRAP HOST REST_PORT REPLICATION_FACTOR DATA_DIR}.
 * Prints {@code CONNECT READY <rest url>} once it has joined its group.
 */
public final class ConnectWorkerMain {
    public static final String READY = "CONNECT READY ";

    private ConnectWorkerMain() {}

    public static void main(final String[] args) throws Exception {
        try (EmbeddedConnect connect = MailrouteStack.worker(
                        args[0], args[1], Integer.parseInt(args[2]), Short.parseShort(args[3]), Path.of(args[4]))
                .start()) {
            System.out.println(READY + connect.restUrl());
            System.out.flush();
            ChildMain.parkUntilExit();
        }
    }
}
