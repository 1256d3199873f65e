package io.mailroute.cli.reliability;

import static org.awaitility.Awaitility.await;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.TimeUnit;

/**
 * A main class of this test classpath run in its own JVM, so that a test can kill it with SIGKILL
 * (no shutdown hooks, no clean close) and start it again on the same data.
 */
final class ChildJvm implements AutoCloseable {
    private static final int OUTPUT_LINES_KEPT = 400;

    private final String name;
    private final List<String> command;
    private final List<String> output = new CopyOnWriteArrayList<>();
    private Process process;

    ChildJvm(final String name, final String heap, final Class<?> mainClass, final List<String> args) {
        this.name = name;
        final List<String> cmd = new ArrayList<>();
        cmd.add(Path.of(System.getProperty("java.home"), "bin", "java").toString());
        cmd.add("-Xmx" + heap);
        cmd.add("-XX:+UseSerialGC");
        cmd.add("-XX:TieredStopAtLevel=1");
        cmd.add("-Dlog4j2.configurationFile=log4j2-child.xml");
        cmd.add("-cp");
        cmd.add(System.getProperty("java.class.path"));
        cmd.add(mainClass.getName());
        cmd.addAll(args);
        this.command = List.copyOf(cmd);
    }

    /** Starts the JVM and waits until it prints a line containing {@code readyMarker}. */
    ChildJvm start(final String readyMarker, final Duration timeout) throws IOException {
        output.clear();
        process = new ProcessBuilder(command).redirectErrorStream(true).start();
        final Process started = process;
        final Thread reader = new Thread(() -> pump(started), name + "-output");
        reader.setDaemon(true);
        reader.start();
        try {
            await(name + " ready")
                    .atMost(timeout)
                    .pollInterval(Duration.ofMillis(100))
                    .failFast(name + " exited early", () -> !started.isAlive())
                    .until(() -> output.stream().anyMatch(line -> line.contains(readyMarker)));
        } catch (RuntimeException e) {
            throw new AssertionError(name + " did not get ready; its output:\n" + String.join("\n", output), e);
        }
        return this;
    }

    /** SIGKILL: the process gets no chance to flush, commit or close anything. */
    void kill() throws InterruptedException {
        process.destroyForcibly();
        if (!process.waitFor(30, TimeUnit.SECONDS)) {
            throw new AssertionError(name + " survived SIGKILL");
        }
    }

    boolean isAlive() {
        return process != null && process.isAlive();
    }

    @Override
    public String toString() {
        return name;
    }

    List<String> output() {
        return List.copyOf(output);
    }

    /** SIGTERM, then SIGKILL when the process has not ended within 30 s. */
    @Override
    public void close() {
        if (process == null || !process.isAlive()) {
            return;
        }
        process.destroy();
        try {
            if (!process.waitFor(30, TimeUnit.SECONDS)) {
                kill();
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            process.destroyForcibly();
        }
    }

    private void pump(final Process source) {
        try (BufferedReader in =
                new BufferedReader(new InputStreamReader(source.getInputStream(), StandardCharsets.UTF_8))) {
            String line;
            while ((line = in.readLine()) != null) {
                if (output.size() >= OUTPUT_LINES_KEPT) {
                    output.remove(0);
                }
                output.add(line);
            }
        } catch (IOException e) {
            output.add(name + " output closed: " + e.getMessage());
        }
    }
}
