package io.mailroute.runtime.command;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.util.Properties;
import picocli.CommandLine.IVersionProvider;

/** Reads the version from the build-filtered {@code mailroute-version.properties}. */
public final class VersionProvider implements IVersionProvider {

    @Override
    public String[] getVersion() {
        final Properties properties = new Properties();
        try (InputStream in = VersionProvider.class.getResourceAsStream("/mailroute-version.properties")) {
            if (in != null) {
                properties.load(in);
            }
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return new String[] {
            "mailroute " + properties.getProperty("version", "unknown"),
            "Kafka " + properties.getProperty("kafka", "?") + ", Avro " + properties.getProperty("avro", "?")
                    + ", Java " + System.getProperty("java.version")
        };
    }
}
