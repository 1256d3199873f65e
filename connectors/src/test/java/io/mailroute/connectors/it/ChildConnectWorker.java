package io.mailroute.connectors.it;

import io.mailroute.embedded.ChildJvm;
import io.mailroute.embedded.ChildMain;
import io.mailroute.embedded.ConnectRestClient;
import io.mailroute.embedded.EmbeddedConnect;
import java.io.IOException;
import java.net.URI;
import java.time.Duration;

/**
 * A Connect worker in a child JVM (same settings as {@link ConnectStack}'s), so that a test can
 * kill it with SIGKILL in the middle of a transaction: no task stop, no offset flush, no
 * shutdown hook. Its class path is the test's, so it runs the connectors under test.
 */
public final class ChildConnectWorker implements AutoCloseable {
    private static final String READY = "READY ";
    private static final Duration START_TIMEOUT = Duration.ofSeconds(90);

    private final ChildJvm child;
    private final String restUrl;

    private ChildConnectWorker(final ChildJvm child, final String restUrl) {
        this.child = child;
        this.restUrl = restUrl;
    }

    /** Starts a worker of group {@code groupId} on {@code bootstrapServers} and waits until it serves REST. */
    public static ChildConnectWorker start(final String bootstrapServers, final String groupId)
            throws IOException, InterruptedException {
        final ChildJvm child = ChildJvm.builder("child-connect", ChildConnectWorker.class, READY)
                .heap("384m")
                .args(bootstrapServers, groupId)
                .build();
        try {
            final String line = child.start(START_TIMEOUT);
            return new ChildConnectWorker(
                    child, line.substring(line.indexOf(READY) + READY.length()).trim());
        } catch (RuntimeException | IOException | InterruptedException e) {
            child.kill();
            throw e;
        }
    }

    public ConnectRestClient rest() {
        return new ConnectRestClient(URI.create(restUrl));
    }

    /** SIGKILL, and waits until the process is gone. */
    public void kill() throws InterruptedException {
        child.kill();
    }

    /** The last lines the child printed, for failure messages. */
    public String lastOutput() {
        return String.join("\n", child.output());
    }

    /** SIGTERM, then SIGKILL when the worker has not ended within 30 s. */
    @Override
    public void close() {
        child.close();
    }

    /** The child: {@code <bootstrap servers> <group id>}; prints {@code READY <rest url>} and runs until killed. */
    public static void main(final String[] args) throws Exception {
        try (EmbeddedConnect connect = ConnectStack.worker(args[0], args[1]).start()) {
            System.out.println(READY + connect.restUrl());
            System.out.flush();
            ChildMain.parkUntilExit();
        }
    }
}
