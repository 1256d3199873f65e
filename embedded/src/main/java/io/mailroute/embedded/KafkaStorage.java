package io.mailroute.embedded;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import org.apache.kafka.common.Uuid;
import org.apache.kafka.metadata.storage.Formatter;
import org.apache.kafka.server.common.MetadataVersion;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Formats a KRaft log directory the way {@code kafka-storage.sh format} does, once: a directory
 * that already holds {@code meta.properties} (a previous run, even one killed with -9) is kept.
 */
final class KafkaStorage {
    private static final Logger LOG = LoggerFactory.getLogger(KafkaStorage.class);

    private KafkaStorage() {}

    /** True if {@code dir} was formatted before. */
    static boolean isFormatted(final Path dir) {
        return Files.isRegularFile(dir.resolve("meta.properties"));
    }

    /**
     * Formats {@code dir} for a static single-voter quorum unless it is formatted already.
     *
     * @param clusterId the cluster id to write, or null for a random one
     * @return true if the directory was formatted now
     */
    static boolean formatIfNeeded(
            final Path dir, final int nodeId, final String clusterId, final String controllerListenerName)
            throws IOException {
        if (isFormatted(dir)) {
            LOG.debug("Kafka log directory {} is already formatted", dir);
            return false;
        }
        Files.createDirectories(dir);
        final String id = clusterId == null ? Uuid.randomUuid().toString() : clusterId;
        final ByteArrayOutputStream out = new ByteArrayOutputStream();
        try (PrintStream print = new PrintStream(out, true, StandardCharsets.UTF_8)) {
            new Formatter()
                    .setPrintStream(print)
                    .setNodeId(nodeId)
                    .setClusterId(id)
                    .addDirectory(dir.toString())
                    .setMetadataLogDirectory(dir.toString())
                    .setReleaseVersion(MetadataVersion.LATEST_PRODUCTION)
                    .setControllerListenerName(controllerListenerName)
                    .setIgnoreFormatted(true)
                    .run();
        } catch (IOException | RuntimeException e) {
            throw e;
        } catch (Exception e) {
            throw new IOException("Formatting Kafka log directory " + dir + " failed", e);
        }
        LOG.info("Formatted Kafka log directory {} for cluster {}", dir, id);
        LOG.debug("Formatter output: {}", out.toString(StandardCharsets.UTF_8).trim());
        return true;
    }
}
