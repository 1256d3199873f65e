package io.mailroute.stack;

import io.mailroute.embedded.EmbeddedConnect;
import io.mailroute.s3.S3Settings;
import io.mailroute.s3.SqsSettings;
import java.io.IOException;
import java.io.Reader;
import java.io.Writer;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Optional;
import java.util.Properties;
import java.util.TreeSet;
import java.util.function.Predicate;

/**
 * This start's S3 endpoint, S3 keys, registry URL, broker and SMTP server, in a file of the data directory that the
 * connector configs refer to through Connect's FileConfigProvider: the stored configs stay the
 * same when ports change, so tasks restored by the worker never start against the endpoints of an
 * earlier start, and the keys stay out of Connect's config topic.
 */
final class ConnectEndpoints {
    static final String REGISTRY_URL_KEY = "schema.registry.url";
    /** The broker the sinks record their deliveries on. */
    static final String DELIVERIES_BOOTSTRAP_KEY = "deliveries.bootstrap.servers";
    /** The S3 keys all start with it. */
    static final String S3_PREFIX = "s3.";
    /** The keys of the notifications queue all start with it. */
    static final String SQS_PREFIX = "sqs.";

    private static final String SMTP_HOST_KEY = "smtp.host";
    private static final String SMTP_PORT_KEY = "smtp.port";

    private final Path file;

    ConnectEndpoints(final Path file) {
        this.file = file;
    }

    /** Writes the endpoints of a stack's S3 (and its notifications queue, if any), registry and broker, and of the SMTP server notices go to, if any. */
    void write(
            final S3Settings s3,
            final Optional<SqsSettings> notifications,
            final String registryUrl,
            final String bootstrapServers,
            final Optional<InetSocketAddress> smtp)
            throws IOException {
        final Properties endpoints = new Properties();
        endpoints.putAll(LocalMailSource.endpoints(s3, notifications, registryUrl));
        endpoints.setProperty(DELIVERIES_BOOTSTRAP_KEY, bootstrapServers);
        smtp.ifPresent(server -> {
            endpoints.setProperty(SMTP_HOST_KEY, server.getHostString());
            endpoints.setProperty(SMTP_PORT_KEY, Integer.toString(server.getPort()));
        });
        Files.createDirectories(file.getParent());
        try (Writer out = Files.newBufferedWriter(file, StandardCharsets.UTF_8)) {
            endpoints.store(out, "endpoints of this mailroute stack start, for the connector configs");
        }
    }

    /**
     * A {@code ${file:...}} reference for every key of the file that is {@code wanted}, by key.
     *
     * @throws IllegalStateException when no stack running S3 and the registry on this data directory wrote it
     */
    Map<String, String> references(final Predicate<String> wanted) throws IOException {
        if (!Files.isRegularFile(file)) {
            throw new IllegalStateException("no " + file + ": the stack that runs S3 and the registry on this data"
                    + " directory writes it and must start first");
        }
        final Properties endpoints = new Properties();
        try (Reader in = Files.newBufferedReader(file, StandardCharsets.UTF_8)) {
            endpoints.load(in);
        }
        final Map<String, String> references = new LinkedHashMap<>();
        for (final String key : new TreeSet<>(endpoints.stringPropertyNames())) {
            if (wanted.test(key)) {
                references.put(key, "${" + EmbeddedConnect.FILE_CONFIG_PROVIDER + ":" + file + ":" + key + "}");
            }
        }
        return references;
    }
}
