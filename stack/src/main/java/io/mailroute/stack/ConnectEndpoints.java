package io.mailroute.stack;

import io.mailroute.connectors.s3.S3MailSourceConfig;
import io.mailroute.embedded.EmbeddedConnect;
import io.mailroute.s3.S3Settings;
import java.io.IOException;
import java.io.Reader;
import java.io.Writer;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Properties;
import java.util.TreeSet;

/**
 * This start's S3 endpoint, S3 keys and registry URL, in a file of the data directory that the
 * connector configs refer to through Connect's FileConfigProvider: the stored configs stay the
 * same when ports change, so tasks restored by the worker never start against the endpoints of an
 * earlier start, and the keys stay out of Connect's config topic.
 */
final class ConnectEndpoints {
    static final String REGISTRY_URL_KEY = "schema.registry.url";

    private final Path file;

    ConnectEndpoints(final Path file) {
        this.file = file;
    }

    /** Writes the endpoints of a stack's S3 and registry. */
    void write(final S3Settings s3, final String registryUrl) throws IOException {
        final Properties endpoints = new Properties();
        endpoints.putAll(S3MailSourceConfig.S3.connectionProperties(s3));
        endpoints.setProperty(REGISTRY_URL_KEY, registryUrl);
        Files.createDirectories(file.getParent());
        try (Writer out = Files.newBufferedWriter(file, StandardCharsets.UTF_8)) {
            endpoints.store(out, "endpoints of this mailroute stack start, for the connector configs");
        }
    }

    /**
     * A {@code ${file:...}} reference for every key of the file, by key.
     *
     * @throws IllegalStateException when no stack running S3 and the registry on this data directory wrote it
     */
    Map<String, String> references() throws IOException {
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
            references.put(key, "${" + EmbeddedConnect.FILE_CONFIG_PROVIDER + ":" + file + ":" + key + "}");
        }
        return references;
    }
}
