package io.mailroute.stack;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * A connector file of the {@code {"name","config"}} shape that users, docker-compose and the stack
 * submit alike ({@code ops/connectors/*.json}).
 *
 * @param name   the connector's name; {@code defaultName} when the file gives none
 * @param config the connector config, mutable so that a stack can fill in its endpoints
 */
record ConnectorFile(String name, Map<String, String> config) {
    /** Where the files of {@code ops/connectors/} are on the class path. */
    static final String RESOURCES = "/mailroute/connectors/";

    private static final ObjectMapper JSON = new ObjectMapper();

    /** The S3 mail connector file the stack ships. */
    static ConnectorFile s3Mail() throws IOException {
        return shipped(MailrouteStack.S3_CONNECTOR);
    }

    /** The file {@code ops/connectors/<name>.json} the stack ships, for the connector {@code name}. */
    static ConnectorFile shipped(final String name) throws IOException {
        final String resource = RESOURCES + name + ".json";
        try (InputStream in = ConnectorFile.class.getResourceAsStream(resource)) {
            if (in == null) {
                throw new IllegalStateException(resource + " is missing from the class path");
            }
            return of(JSON.readTree(in), name);
        }
    }

    /** A connector file the user gives. */
    static ConnectorFile read(final Path file, final String defaultName) throws IOException {
        return of(JSON.readTree(file.toFile()), defaultName);
    }

    /** The file's name and its {@code config} object as a mutable map. */
    static ConnectorFile of(final JsonNode file, final String defaultName) {
        final JsonNode config = file.path("config");
        if (!config.isObject()) {
            throw new IllegalArgumentException("a connector file needs a \"config\" object");
        }
        final Map<String, String> map = new LinkedHashMap<>();
        config.properties().forEach(e -> map.put(e.getKey(), e.getValue().asText()));
        return new ConnectorFile(file.path("name").asText(defaultName), map);
    }

    /** Tasks the connector runs, as its config asks. */
    int tasks() {
        return Integer.parseInt(config.getOrDefault("tasks.max", "1"));
    }
}
