package io.mailroute.runtime.app;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.util.Properties;

/** The versions the build wrote into {@code mailroute-version.properties}. */
public record MailrouteVersion(String mailroute, String kafka, String avro) {
    private static final MailrouteVersion CURRENT = load();

    /** This build's versions; {@code unknown} / {@code ?} when run from classes the build did not filter. */
    public static MailrouteVersion current() {
        return CURRENT;
    }

    private static MailrouteVersion load() {
        final Properties properties = new Properties();
        try (InputStream in = MailrouteVersion.class.getResourceAsStream("/mailroute-version.properties")) {
            if (in != null) {
                properties.load(in);
            }
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return new MailrouteVersion(
                properties.getProperty("version", "unknown"),
                properties.getProperty("kafka", "?"),
                properties.getProperty("avro", "?"));
    }
}
