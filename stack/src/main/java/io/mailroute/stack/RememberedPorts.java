package io.mailroute.stack;

import java.io.IOException;
import java.io.Reader;
import java.io.Writer;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Properties;

/**
 * The ports a stack listened on, kept in its data directory: a port asked for as 0 (any free
 * one) gets the port of the last start again, so that connector configs, advertised listeners
 * and clients' settings stay valid across restarts.
 */
final class RememberedPorts {
    static final String FILE = "ports.properties";
    private static final String KAFKA = "kafka";
    private static final String CONTROLLER = "controller";
    private static final String REGISTRY = "schema-registry";
    private static final String S3 = "s3";
    private static final String CONNECT = "connect";
    private static final String SMTP = "smtp";
    private static final String SQS = "sqs";

    private RememberedPorts() {}

    /** {@code asked} with each port 0 replaced by the one remembered in {@code dataDir}. */
    static StackPorts apply(final Path dataDir, final StackPorts asked) throws IOException {
        final Properties ports = load(dataDir);
        return asked.orElse(new StackPorts(
                port(ports, KAFKA),
                port(ports, CONTROLLER),
                port(ports, REGISTRY),
                port(ports, S3),
                port(ports, CONNECT),
                port(ports, SMTP),
                port(ports, SQS)));
    }

    /**
     * Remembers the ports of {@code listening} that are not 0; the others keep what was remembered,
     * so that stacks running different services on one data directory do not forget each other's.
     */
    static void save(final Path dataDir, final StackPorts listening) throws IOException {
        final Properties ports = load(dataDir);
        put(ports, KAFKA, listening.kafka());
        put(ports, CONTROLLER, listening.controller());
        put(ports, REGISTRY, listening.registry());
        put(ports, S3, listening.s3());
        put(ports, CONNECT, listening.connect());
        put(ports, SMTP, listening.smtp());
        put(ports, SQS, listening.sqs());
        try (Writer out = Files.newBufferedWriter(dataDir.resolve(FILE), StandardCharsets.UTF_8)) {
            ports.store(out, "ports of the last mailroute stack start; used again for ports given as 0");
        }
    }

    private static Properties load(final Path dataDir) throws IOException {
        final Properties ports = new Properties();
        final Path file = dataDir.resolve(FILE);
        if (Files.isRegularFile(file)) {
            try (Reader in = Files.newBufferedReader(file, StandardCharsets.UTF_8)) {
                ports.load(in);
            }
        }
        return ports;
    }

    private static int port(final Properties ports, final String name) {
        return Integer.parseInt(ports.getProperty(name, "0"));
    }

    private static void put(final Properties ports, final String name, final int port) {
        if (port != 0) {
            ports.setProperty(name, Integer.toString(port));
        }
    }
}
