package io.mailroute.stack;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.List;

/**
 * {@code <data-dir>/cluster.json}: the processes of {@code mailroute local}'s cluster mode, their
 * pids and where they answer, written once every one is ready, so that a test or an operator can
 * reach or kill any of them.
 */
public record ClusterFile(List<Broker> brokers, List<Worker> workers, List<Instance> instances) {
    /** The file's name in the data directory. */
    public static final String NAME = "cluster.json";

    private static final ObjectMapper MAPPER = new ObjectMapper().enable(SerializationFeature.INDENT_OUTPUT);

    public ClusterFile {
        brokers = List.copyOf(brokers);
        workers = List.copyOf(workers);
        instances = List.copyOf(instances);
    }

    /** A KRaft node (broker and controller): its node id, pid and client port. */
    public record Broker(int id, long pid, int port) {}

    /** A Connect worker: its pid and REST URL. */
    public record Worker(long pid, String url) {}

    /** A topology instance: its pid and status server URL. */
    public record Instance(long pid, String statusUrl) {}

    /** Writes the file in {@code dataDir}, replacing the last one in one move. */
    public Path write(final Path dataDir) throws IOException {
        final Path file = dataDir.resolve(NAME);
        final Path partial = dataDir.resolve(NAME + ".partial");
        MAPPER.writeValue(partial.toFile(), this);
        return Files.move(partial, file, StandardCopyOption.REPLACE_EXISTING, StandardCopyOption.ATOMIC_MOVE);
    }

    /** The file of {@code dataDir}. */
    public static ClusterFile read(final Path dataDir) throws IOException {
        return readFile(dataDir.resolve(NAME));
    }

    /** The file {@code file}, wherever it was copied to. */
    public static ClusterFile readFile(final Path file) throws IOException {
        return MAPPER.readValue(file.toFile(), ClusterFile.class);
    }
}
