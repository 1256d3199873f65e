package io.mailroute.embedded;

import java.io.BufferedReader;
import java.io.BufferedWriter;
import java.io.IOException;
import java.io.InputStreamReader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.time.Duration;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Deque;
import java.util.List;
import java.util.Objects;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;

/**
 * A main class of this JVM's class path run in a JVM of its own, so that it can be killed with
 * SIGKILL (no shutdown hooks, no clean close) and started again on the same data. The child runs
 * under {@link ChildMain}, which ends it when its stdin closes: a child outlives no parent, even
 * one killed with -9. Its output is kept (the last lines, for failure messages) and, when asked
 * for, appended to a log file.
 *
 * <pre>{@code
 * try (ChildJvm broker = ChildJvm.builder("broker", BrokerMain.class, "READY").args(dir, "9092").build()) {
 *     String line = broker.start(Duration.ofMinutes(2));
 * }
 * }</pre>
 */
public final class ChildJvm implements AutoCloseable {
    private static final int OUTPUT_LINES_KEPT = 400;
    private static final Duration STOP_TIMEOUT = Duration.ofSeconds(30);

    private final String name;
    private final List<String> command;
    private final Path logFile;
    private final String readyMarker;
    private final Deque<String> output = new ArrayDeque<>();
    private Process process;
    private String readyLine;

    private ChildJvm(final Builder builder) {
        this.name = builder.name;
        this.logFile = builder.logFile;
        this.readyMarker = builder.readyMarker;
        final List<String> cmd = new ArrayList<>();
        cmd.add(Path.of(System.getProperty("java.home"), "bin", "java").toString());
        cmd.add("-Xmx" + builder.heap);
        cmd.add("-XX:+UseSerialGC");
        cmd.add("-XX:TieredStopAtLevel=1");
        cmd.addAll(builder.jvmOptions);
        cmd.add("-cp");
        cmd.add(System.getProperty("java.class.path"));
        cmd.add(ChildMain.class.getName());
        cmd.add(builder.mainClass);
        cmd.addAll(builder.args);
        this.command = List.copyOf(cmd);
    }

    /**
     * A child running {@code mainClass} (of this class path) with a 512 MB heap and no arguments
     * yet, ready once it prints a line containing {@code readyMarker}.
     */
    public static Builder builder(final String name, final Class<?> mainClass, final String readyMarker) {
        return new Builder(name, mainClass.getName(), readyMarker);
    }

    /**
     * Starts the JVM (again, when it ran before) and waits until it is ready.
     *
     * @return the line that said so
     * @throws IllegalStateException when the child exits first or is not ready within {@code
     *                               timeout}; the message holds its last output
     */
    public String start(final Duration timeout) throws IOException, InterruptedException {
        launch();
        return awaitReady(timeout);
    }

    /** Starts the JVM without waiting; see {@link #awaitReady}. */
    public synchronized void launch() throws IOException {
        if (isAlive()) {
            throw new IllegalStateException(name + " runs already");
        }
        output.clear();
        readyLine = null;
        if (logFile != null) {
            Files.createDirectories(logFile.toAbsolutePath().getParent());
        }
        final Process started =
                new ProcessBuilder(command).redirectErrorStream(true).start();
        process = started;
        final Thread reader = new Thread(() -> pump(started), name + "-output");
        reader.setDaemon(true);
        reader.start();
    }

    /**
     * Waits until the launched child has printed its ready line.
     *
     * @return that line
     * @throws IllegalStateException when the child exits first or prints no such line within {@code timeout}
     */
    public String awaitReady(final Duration timeout) throws InterruptedException {
        final long deadline = System.nanoTime() + timeout.toNanos();
        synchronized (this) {
            final Process running = Objects.requireNonNull(process, "not launched");
            while (readyLine == null) {
                final long left = deadline - System.nanoTime();
                if (!running.isAlive() || left <= 0) {
                    throw new IllegalStateException(name
                            + (running.isAlive()
                                    ? " printed no '" + readyMarker + "' within " + timeout.toSeconds() + " s"
                                    : " exited with " + running.exitValue())
                            + "; its last output:\n" + String.join("\n", output));
                }
                wait(Math.max(1, Math.min(TimeUnit.NANOSECONDS.toMillis(left), 200)));
            }
            return readyLine;
        }
    }

    public String name() {
        return name;
    }

    /** The process id of the running (or last) child. */
    public synchronized long pid() {
        return Objects.requireNonNull(process, "not launched").pid();
    }

    public synchronized boolean isAlive() {
        return process != null && process.isAlive();
    }

    /** Completes when the running child ends, however it ends. */
    public synchronized CompletableFuture<Process> onExit() {
        return Objects.requireNonNull(process, "not launched").onExit();
    }

    /** The last lines the child printed. */
    public synchronized List<String> output() {
        return List.copyOf(output);
    }

    /** SIGKILL: the process gets no chance to flush, commit or close anything; returns once it is gone. */
    public void kill() throws InterruptedException {
        final Process running;
        synchronized (this) {
            running = process;
        }
        if (running == null) {
            return;
        }
        running.destroyForcibly();
        if (!running.waitFor(STOP_TIMEOUT.toSeconds(), TimeUnit.SECONDS)) {
            throw new IllegalStateException(name + " survived SIGKILL");
        }
    }

    /** SIGTERM (its shutdown hooks run), then SIGKILL when it has not ended within 30 s. */
    @Override
    public void close() {
        final Process running;
        synchronized (this) {
            running = process;
        }
        if (running == null || !running.isAlive()) {
            return;
        }
        running.destroy();
        try {
            if (!running.waitFor(STOP_TIMEOUT.toSeconds(), TimeUnit.SECONDS)) {
                kill();
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            running.destroyForcibly();
        }
    }

    @Override
    public String toString() {
        return name;
    }

    private void pump(final Process source) {
        try (BufferedReader in =
                        new BufferedReader(new InputStreamReader(source.getInputStream(), StandardCharsets.UTF_8));
                BufferedWriter log = logFile == null
                        ? null
                        : Files.newBufferedWriter(
                                logFile,
                                StandardCharsets.UTF_8,
                                StandardOpenOption.CREATE,
                                StandardOpenOption.APPEND)) {
            for (String line = in.readLine(); line != null; line = in.readLine()) {
                keep(source, line);
                if (log != null) {
                    log.write(line);
                    log.newLine();
                    log.flush();
                }
            }
        } catch (IOException e) {
            keep(source, name + " output closed: " + e.getMessage());
        }
    }

    /** Keeps a line of {@code source}, unless a later start has replaced it (the last lines of a killed child). */
    private synchronized void keep(final Process source, final String line) {
        if (source != process) {
            return;
        }
        if (output.size() >= OUTPUT_LINES_KEPT) {
            output.removeFirst();
        }
        output.addLast(line);
        if (readyLine == null && line.contains(readyMarker)) {
            readyLine = line;
            notifyAll();
        }
    }

    /** How to run a child; {@link #build()} creates it, not started. */
    public static final class Builder {
        private final String name;
        private final String mainClass;
        private final String readyMarker;
        private String heap = "512m";
        private final List<String> jvmOptions = new ArrayList<>();
        private final List<String> args = new ArrayList<>();
        private Path logFile;

        private Builder(final String name, final String mainClass, final String readyMarker) {
            this.name = Objects.requireNonNull(name, "name");
            this.mainClass = mainClass;
            this.readyMarker = Objects.requireNonNull(readyMarker, "readyMarker");
        }

        /** Maximum heap, as {@code -Xmx} takes it (default 512m). */
        public Builder heap(final String size) {
            this.heap = Objects.requireNonNull(size, "size");
            return this;
        }

        /** A further JVM option, such as {@code -Dlog4j2.configurationFile=...}. */
        public Builder jvmOption(final String option) {
            jvmOptions.add(Objects.requireNonNull(option, "option"));
            return this;
        }

        /** The arguments of the main class. */
        public Builder args(final List<String> arguments) {
            args.addAll(arguments);
            return this;
        }

        /** The arguments of the main class. */
        public Builder args(final String... arguments) {
            return args(List.of(arguments));
        }

        /** Appends everything the child prints to this file. */
        public Builder logFile(final Path file) {
            this.logFile = Objects.requireNonNull(file, "file");
            return this;
        }

        public ChildJvm build() {
            return new ChildJvm(this);
        }
    }
}
