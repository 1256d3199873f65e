package io.mailroute.schemas.registry.server;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;
import io.mailroute.schemas.registry.Compatibility;
import io.mailroute.schemas.registry.LocalSchemaRegistry;
import io.mailroute.schemas.registry.RegisteredSchema;
import io.mailroute.schemas.registry.SchemaRegistryException;
import java.io.IOException;
import java.io.InputStream;
import java.net.InetSocketAddress;
import java.net.URI;
import java.net.URLDecoder;
import java.nio.charset.StandardCharsets;
import java.util.Arrays;
import java.util.Base64;
import java.util.List;
import java.util.Objects;
import java.util.Optional;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import org.apache.avro.Schema;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * A small schema registry speaking the subset of the Confluent REST API that serializers and
 * {@code mailroute} use, over a {@link LocalSchemaRegistry}. Serves local mode and tests; compose
 * runs the real {@code cp-schema-registry} instead.
 */
public final class SchemaRegistryServer implements AutoCloseable {
    private static final Logger log = LoggerFactory.getLogger(SchemaRegistryServer.class);
    private static final ObjectMapper JSON = new ObjectMapper();
    private static final String CONTENT_TYPE = "application/vnd.schemaregistry.v1+json";

    private final LocalSchemaRegistry registry;
    private final HttpServer server;
    private final ExecutorService executor;
    private final Optional<String> expectedAuthorization;

    private SchemaRegistryServer(
            final LocalSchemaRegistry registry,
            final InetSocketAddress address,
            final Optional<String> basicAuthUserInfo)
            throws IOException {
        this.registry = Objects.requireNonNull(registry, "registry");
        this.expectedAuthorization = basicAuthUserInfo.map(
                u -> "Basic " + Base64.getEncoder().encodeToString(u.getBytes(StandardCharsets.UTF_8)));
        this.server = HttpServer.create(address, 64);
        this.executor = Executors.newFixedThreadPool(4, r -> {
            final Thread t = new Thread(r, "schema-registry-http");
            t.setDaemon(true);
            return t;
        });
        server.setExecutor(executor);
        server.createContext("/", this::handle);
    }

    /**
     * Starts a server on {@code host:port} (port 0 picks a free one).
     *
     * @param basicAuthUserInfo {@code user:password} every request must present, or empty for none
     */
    public static SchemaRegistryServer start(
            final LocalSchemaRegistry registry,
            final String host,
            final int port,
            final Optional<String> basicAuthUserInfo)
            throws IOException {
        final SchemaRegistryServer server =
                new SchemaRegistryServer(registry, new InetSocketAddress(host, port), basicAuthUserInfo);
        server.server.start();
        log.info("Schema registry listening on {}", server.url());
        return server;
    }

    /** Base URL clients use, e.g. {@code http://127.0.0.1:8081}. */
    public String url() {
        return "http://" + server.getAddress().getHostString() + ":"
                + server.getAddress().getPort();
    }

    public int port() {
        return server.getAddress().getPort();
    }

    private void handle(final HttpExchange exchange) throws IOException {
        try (exchange) {
            if (expectedAuthorization.isPresent()
                    && !expectedAuthorization
                            .get()
                            .equals(exchange.getRequestHeaders().getFirst("Authorization"))) {
                respond(exchange, 401, error(40101, "Unauthorized"));
                return;
            }
            try {
                respond(exchange, 200, route(exchange));
            } catch (SchemaRegistryException e) {
                respond(exchange, e.httpStatus() > 0 ? e.httpStatus() : 500, error(e.errorCode(), e.getMessage()));
            } catch (IllegalArgumentException e) {
                respond(exchange, 422, error(42200, e.getMessage()));
            } catch (RuntimeException e) {
                log.error(
                        "Schema registry request {} {} failed",
                        exchange.getRequestMethod(),
                        exchange.getRequestURI(),
                        e);
                respond(exchange, 500, error(50001, "Error in the backend data store: " + e.getMessage()));
            }
        }
    }

    private JsonNode route(final HttpExchange exchange) throws IOException {
        final String method = exchange.getRequestMethod();
        final URI uri = exchange.getRequestURI();
        final List<String> path = segments(uri.getRawPath());
        final String query = Optional.ofNullable(uri.getQuery()).orElse("");
        if (path.isEmpty()) {
            return JSON.createObjectNode();
        }
        switch (path.get(0)) {
            case "subjects" -> {
                return subjects(method, path, exchange.getRequestBody());
            }
            case "schemas" -> {
                if (path.size() == 3 && "ids".equals(path.get(1)) && "GET".equals(method)) {
                    final Schema schema = registry.schemaById(parseInt(path.get(2), "schema id"));
                    return JSON.createObjectNode().put("schema", schema.toString());
                }
            }
            case "config" -> {
                return config(method, path, query, exchange.getRequestBody());
            }
            case "compatibility" -> {
                if (path.size() == 5
                        && "subjects".equals(path.get(1))
                        && "versions".equals(path.get(3))
                        && "POST".equals(method)) {
                    final String subject = path.get(2);
                    final Schema schema = schemaFrom(exchange.getRequestBody());
                    final List<String> violations = registry.violations(subject, schema);
                    final ObjectNode result = JSON.createObjectNode().put("is_compatible", violations.isEmpty());
                    if (query.contains("verbose=true")) {
                        final ArrayNode messages = result.putArray("messages");
                        violations.forEach(messages::add);
                    }
                    return result;
                }
            }
            default -> {
                // fall through to 404
            }
        }
        throw new SchemaRegistryException(404, 404, "HTTP 404 Not Found: " + method + " " + uri.getPath());
    }

    private JsonNode subjects(final String method, final List<String> path, final InputStream body) throws IOException {
        if (path.size() == 1 && "GET".equals(method)) {
            final ArrayNode subjects = JSON.createArrayNode();
            registry.subjects().forEach(subjects::add);
            return subjects;
        }
        final String subject = path.get(1);
        if (path.size() == 2 && "POST".equals(method)) {
            return registered(registry.lookup(subject, schemaFrom(body)));
        }
        if (path.size() == 3 && "versions".equals(path.get(2))) {
            if ("POST".equals(method)) {
                return JSON.createObjectNode().put("id", registry.register(subject, schemaFrom(body)));
            }
            if ("GET".equals(method)) {
                final ArrayNode versions = JSON.createArrayNode();
                registry.versions(subject).forEach(versions::add);
                return versions;
            }
        }
        if (path.size() == 4 && "versions".equals(path.get(2)) && "GET".equals(method)) {
            final String version = path.get(3);
            return registered(
                    "latest".equals(version) || "-1".equals(version)
                            ? registry.latest(subject)
                            : registry.version(subject, parseInt(version, "version")));
        }
        if (path.size() == 5
                && "versions".equals(path.get(2))
                && "schema".equals(path.get(4))
                && "GET".equals(method)) {
            final String version = path.get(3);
            final RegisteredSchema registered = "latest".equals(version)
                    ? registry.latest(subject)
                    : registry.version(subject, parseInt(version, "version"));
            return JSON.readTree(registered.schema().toString());
        }
        throw new SchemaRegistryException(405, 405, "HTTP 405 Method Not Allowed: " + method + " /subjects/...");
    }

    private JsonNode config(final String method, final List<String> path, final String query, final InputStream body)
            throws IOException {
        final String subject = path.size() > 1 ? path.get(1) : null;
        if ("GET".equals(method)) {
            final Compatibility level;
            if (subject == null || query.contains("defaultToGlobal=true")) {
                level = registry.compatibility(subject);
            } else {
                level = registry.ownCompatibility(subject)
                        .orElseThrow(() -> new SchemaRegistryException(
                                404,
                                40408,
                                "Subject '" + subject + "' does not have subject-level compatibility configured"));
            }
            return JSON.createObjectNode().put("compatibilityLevel", level.name());
        }
        if ("PUT".equals(method)) {
            final Compatibility level = Compatibility.parse(
                    JSON.readTree(body).path("compatibility").asText());
            registry.setCompatibility(subject, level);
            return JSON.createObjectNode().put("compatibility", level.name());
        }
        throw new SchemaRegistryException(405, 405, "HTTP 405 Method Not Allowed: " + method + " /config");
    }

    private static Schema schemaFrom(final InputStream body) throws IOException {
        final JsonNode request;
        try {
            request = JSON.readTree(body);
        } catch (IOException e) {
            throw new SchemaRegistryException(422, 42201, "Request body is not JSON: " + e.getMessage());
        }
        final String type = request.path("schemaType").asText("AVRO");
        if (!"AVRO".equals(type)) {
            throw new SchemaRegistryException(422, 42201, "Only AVRO schemas are supported, not " + type);
        }
        if (request.path("references").size() > 0) {
            throw new SchemaRegistryException(422, 42201, "Schema references are not supported");
        }
        return LocalSchemaRegistry.parse(request.path("schema").asText(null));
    }

    private static ObjectNode registered(final RegisteredSchema registered) {
        return JSON.createObjectNode()
                .put("subject", registered.subject())
                .put("version", registered.version())
                .put("id", registered.id())
                .put("schema", registered.schema().toString());
    }

    private static int parseInt(final String text, final String what) {
        try {
            return Integer.parseInt(text);
        } catch (NumberFormatException e) {
            throw new SchemaRegistryException(422, 42202, "Invalid " + what + ": " + text);
        }
    }

    private static List<String> segments(final String rawPath) {
        return Arrays.stream(rawPath.split("/"))
                .filter(s -> !s.isEmpty())
                .map(s -> URLDecoder.decode(s, StandardCharsets.UTF_8))
                .toList();
    }

    private static ObjectNode error(final int code, final String message) {
        return JSON.createObjectNode().put("error_code", code).put("message", message);
    }

    private static void respond(final HttpExchange exchange, final int status, final JsonNode body) throws IOException {
        final byte[] bytes = JSON.writeValueAsBytes(body);
        exchange.getResponseHeaders().set("Content-Type", CONTENT_TYPE);
        exchange.sendResponseHeaders(status, bytes.length);
        exchange.getResponseBody().write(bytes);
    }

    @Override
    public void close() {
        server.stop(0);
        executor.shutdownNow();
    }
}
