package io.mailroute.cli.local;

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

    private RememberedPorts() {}

    /** {@code settings} with each port 0 replaced by the one remembered in its data directory. */
    static LocalSettings apply(final LocalSettings settings) throws IOException {
        final Path file = settings.dataDir().resolve(FILE);
        if (!Files.isRegularFile(file)) {
            return settings;
        }
        final Properties ports = new Properties();
        try (Reader in = Files.newBufferedReader(file, StandardCharsets.UTF_8)) {
            ports.load(in);
        }
        return new LocalSettings(settings.dataDir(), settings.host(),
                port(settings.kafkaPort(), ports, "kafka"), port(settings.controllerPort(), ports, "controller"),
                port(settings.registryPort(), ports, "schema-registry"), port(settings.s3Port(), ports, "s3"),
                port(settings.connectPort(), ports, "connect"), settings.partitions(), settings.organizationsConfig());
    }

    static void save(final Path dataDir, final int kafka, final int controller, final int registry, final int s3, final int connect)
            throws IOException {
        final Properties ports = new Properties();
        ports.setProperty("kafka", Integer.toString(kafka));
        ports.setProperty("controller", Integer.toString(controller));
        ports.setProperty("schema-registry", Integer.toString(registry));
        ports.setProperty("s3", Integer.toString(s3));
        ports.setProperty("connect", Integer.toString(connect));
        try (Writer out = Files.newBufferedWriter(dataDir.resolve(FILE), StandardCharsets.UTF_8)) {
            ports.store(out, "ports of the last mailroute local start; used again for ports given as 0");
        }
    }

    private static int port(final int asked, final Properties remembered, final String name) {
        return asked != 0 ? asked : Integer.parseInt(remembered.getProperty(name, "0"));
    }
}
