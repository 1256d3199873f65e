package io.mailroute.connectors.common;

import java.io.IOException;
import java.io.InputStream;
import java.util.Properties;

/** The connectors' version, read from the build-filtered {@code mailroute-connectors-version.properties}. */
public final class ConnectorVersion {
    private static final String VERSION = load();

    private ConnectorVersion() {}

    public static String get() {
        return VERSION;
    }

    private static String load() {
        final Properties properties = new Properties();
        try (InputStream in = ConnectorVersion.class.getResourceAsStream("/mailroute-connectors-version.properties")) {
            if (in != null) {
                properties.load(in);
            }
        } catch (IOException e) {
            return "unknown";
        }
        return properties.getProperty("version", "unknown");
    }
}
