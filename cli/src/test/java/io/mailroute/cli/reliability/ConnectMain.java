package io.mailroute.cli.reliability;

import io.mailroute.embedded.ChildMain;
import io.mailroute.embedded.EmbeddedConnect;
import java.io.IOException;
import java.io.Reader;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Map;
import java.util.Properties;
import java.util.TreeMap;

/**
 * A Connect worker (exactly-once source support on) in a child JVM running one connector:
 * {@code ConnectMain BOOTSTRAP REST_PORT CONNECTOR_NAME CONNECTOR_PROPERTIES_FILE}. Prints
 * {@code CONNECT READY} once the connector and its tasks run; run by {@link io.mailroute.embedded.ChildJvm}.
 */
public final class ConnectMain {
    static final String READY = "CONNECT READY";

    private ConnectMain() {}

    public static void main(final String[] args) throws Exception {
        try (EmbeddedConnect connect = EmbeddedConnect.builder()
                .bootstrapServers(args[0])
                .restPort(Integer.parseInt(args[1]))
                .exactlyOnce(true)
                .start()) {
            final Map<String, String> config = load(Path.of(args[3]));
            connect.rest().putConnectorConfig(args[2], config);
            connect.rest()
                    .awaitRunning(
                            args[2], Integer.parseInt(config.getOrDefault("tasks.max", "1")), Duration.ofSeconds(90));
            System.out.println(READY + " " + connect.restUrl());
            System.out.flush();
            ChildMain.parkUntilExit();
        }
    }

    private static Map<String, String> load(final Path file) throws IOException {
        final Properties properties = new Properties();
        try (Reader in = Files.newBufferedReader(file)) {
            properties.load(in);
        }
        final Map<String, String> config = new TreeMap<>();
        properties.stringPropertyNames().forEach(name -> config.put(name, properties.getProperty(name)));
        return config;
    }
}
