package io.mailroute.connectors.it;

import static org.awaitility.Awaitility.await;

import io.mailroute.embedded.ConnectRestClient;
import io.mailroute.embedded.EmbeddedConnect;
import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayDeque;
import java.util.Deque;
import java.util.concurrent.TimeUnit;

/**
 * A Connect worker in a child JVM (same settings as {@link ConnectStack}'s), so that a test can
 * kill it with SIGKILL in the middle of a transaction: no task stop, no offset flush, no
 * shutdown hook. Its class path is the test's, so it runs the connectors under test.
 */
public final class ChildConnectWorker implements AutoCloseable {
    private static final String READY = "READY ";
    private static final int KEPT_LINES = 200;

    private final Process process;
    private final Deque<String> output = new ArrayDeque<>();
    private volatile String restUrl;

    private ChildConnectWorker(final Process process) {
        this.process = process;
        final Thread reader = new Thread(this::readOutput, "child-connect-output");
        reader.setDaemon(true);
        reader.start();
    }

    /** Starts a worker of group {@code groupId} on {@code bootstrapServers} and waits until it serves REST. */
    public static ChildConnectWorker start(final String bootstrapServers, final String groupId) throws IOException {
        final Process process = new ProcessBuilder(
                        Path.of(System.getProperty("java.home"), "bin", "java").toString(),
                        "-Xmx384m",
                        "-cp",
                        System.getProperty("java.class.path"),
                        ChildConnectWorker.class.getName(),
                        bootstrapServers,
                        groupId)
                .redirectErrorStream(true)
                .start();
        final ChildConnectWorker worker = new ChildConnectWorker(process);
        try {
            await().atMost(Duration.ofSeconds(90))
                    .failFast("child worker exited", () -> !process.isAlive())
                    .until(() -> worker.restUrl != null);
        } catch (RuntimeException e) {
            worker.close();
            throw new AssertionError("child Connect worker not ready; its last output:\n" + worker.lastOutput(), e);
        }
        return worker;
    }

    public ConnectRestClient rest() {
        return new ConnectRestClient(URI.create(restUrl));
    }

    /** SIGKILL, and waits until the process is gone. */
    public void kill() throws InterruptedException {
        process.destroyForcibly();
        if (!process.waitFor(30, TimeUnit.SECONDS)) {
            throw new AssertionError("child Connect worker survived SIGKILL");
        }
    }

    /** The last lines the child printed, for failure messages. */
    public synchronized String lastOutput() {
        return String.join("\n", output);
    }

    @Override
    public void close() {
        process.destroyForcibly();
    }

    private void readOutput() {
        try (BufferedReader in =
                new BufferedReader(new InputStreamReader(process.getInputStream(), StandardCharsets.UTF_8))) {
            for (String line = in.readLine(); line != null; line = in.readLine()) {
                if (line.startsWith(READY)) {
                    restUrl = line.substring(READY.length()).trim();
                }
                synchronized (this) {
                    output.addLast(line);
                    if (output.size() > KEPT_LINES) {
                        output.removeFirst();
                    }
                }
            }
        } catch (IOException e) {
            synchronized (this) {
                output.addLast("reading the child's output failed: " + e);
            }
        }
    }

    /** The child: {@code <bootstrap servers> <group id>}; prints {@code READY <rest url>} and runs until killed or stdin closes. */
    public static void main(final String[] args) throws IOException {
        final EmbeddedConnect connect = ConnectStack.worker(args[0], args[1]).start();
        System.out.println(READY + connect.restUrl());
        System.out.flush();
        while (System.in.read() >= 0) {
            // the parent never writes; a closed stdin (parent gone) ends the child
        }
        connect.close();
    }
}
