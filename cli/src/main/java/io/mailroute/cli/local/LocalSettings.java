package io.mailroute.cli.local;

import io.mailroute.runtime.client.LocalDefaults;
import java.nio.file.Path;
import java.util.HashMap;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;

/**
 * Where {@code mailroute local} keeps its data and which ports it listens on. Port 0 picks a
 * free port (tests); the defaults are the ports docker-compose uses.
 *
 * @param dataDir             everything that must survive a restart lives below it
 * @param host                address every service binds to and advertises
 * @param partitions          partitions of topics created on the first start
 * @param organizationsConfig an OrganizationsSourceConnector config ({@code {"name","config"}} JSON); empty leaves it off
 */
public record LocalSettings(Path dataDir, String host, int kafkaPort, int controllerPort, int registryPort, int s3Port,
                            int connectPort, int partitions, Optional<Path> organizationsConfig) {

    public LocalSettings {
        Objects.requireNonNull(dataDir, "dataDir");
        Objects.requireNonNull(host, "host");
        Objects.requireNonNull(organizationsConfig, "organizationsConfig");
        final Map<Integer, String> taken = new HashMap<>();
        check("kafka", kafkaPort, taken);
        check("controller", controllerPort, taken);
        check("schema registry", registryPort, taken);
        check("s3", s3Port, taken);
        check("connect", connectPort, taken);
        if (partitions < 1) {
            throw new IllegalArgumentException("partitions must be at least 1, not " + partitions);
        }
    }

    /** The compose ports on 127.0.0.1, 3 partitions, no Organizations sync. */
    public static LocalSettings defaults(final Path dataDir) {
        return new LocalSettings(dataDir, "127.0.0.1", LocalDefaults.KAFKA_PORT, LocalDefaults.CONTROLLER_PORT,
                LocalDefaults.REGISTRY_PORT, LocalDefaults.S3_PORT, LocalDefaults.CONNECT_PORT, 3, Optional.empty());
    }

    /** Free ports everywhere (for tests). */
    public LocalSettings withFreePorts() {
        return new LocalSettings(dataDir, host, 0, 0, 0, 0, 0, partitions, organizationsConfig);
    }

    public LocalSettings withPartitions(final int count) {
        return new LocalSettings(dataDir, host, kafkaPort, controllerPort, registryPort, s3Port, connectPort, count, organizationsConfig);
    }

    public Path kafkaDir() {
        return dataDir.resolve("kafka");
    }

    /** The registry's journal: schema ids survive restarts. */
    public Path registryJournal() {
        return dataDir.resolve("schema-registry").resolve("schemas.journal");
    }

    public Path s3Dir() {
        return dataDir.resolve("s3");
    }

    public Path streamsDir() {
        return dataDir.resolve("streams");
    }

    private static void check(final String name, final int port, final Map<Integer, String> taken) {
        if (port < 0 || port > 65_535) {
            throw new IllegalArgumentException(name + " port " + port + " is not in 0..65535");
        }
        if (port != 0) {
            final String other = taken.putIfAbsent(port, name);
            if (other != null) {
                throw new IllegalArgumentException(name + " port " + port + " is the " + other + " port already");
            }
        }
    }
}
