package io.mailroute.embedded;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.core.type.TypeReference;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.net.URI;
import java.net.URLEncoder;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.function.Predicate;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * A small client for the Kafka Connect REST API (JDK HTTP client + Jackson): create or update,
 * inspect, pause, resume, restart and delete connectors, and wait for them to run. Answers 409
 * (rebalance in progress) are retried until the request timeout.
 */
public final class ConnectRestClient {
    /** Connect's own REST request timeout. */
    public static final Duration DEFAULT_REQUEST_TIMEOUT = Duration.ofSeconds(90);

    private static final Logger LOG = LoggerFactory.getLogger(ConnectRestClient.class);
    private static final ObjectMapper JSON = new ObjectMapper();
    private static final Duration POLL_INTERVAL = Duration.ofMillis(200);
    private static final int CONFLICT = 409;
    private static final int NOT_FOUND = 404;

    private final URI baseUrl;
    private final Duration requestTimeout;
    private final HttpClient http;

    /** A client for the worker at {@code restUrl} with {@link #DEFAULT_REQUEST_TIMEOUT}. */
    public ConnectRestClient(final URI restUrl) {
        this(restUrl, DEFAULT_REQUEST_TIMEOUT);
    }

    /** A client for the worker at {@code restUrl}. */
    public ConnectRestClient(final URI restUrl, final Duration requestTimeout) {
        final String url = Objects.requireNonNull(restUrl, "restUrl").toString();
        this.baseUrl = URI.create(url.endsWith("/") ? url.substring(0, url.length() - 1) : url);
        this.requestTimeout = Objects.requireNonNull(requestTimeout, "requestTimeout");
        this.http =
                HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(10)).build();
    }

    /** The worker's base URL. */
    public URI baseUrl() {
        return baseUrl;
    }

    /** True if {@code GET /health} answers 200: the worker has joined its group and is ready. */
    public boolean isHealthy() {
        try {
            return send("GET", "/health", null).statusCode() == 200;
        } catch (ConnectRestException e) {
            return false;
        }
    }

    /** Names of the connectors. */
    public List<String> connectors() {
        return read(expect(send("GET", "/connectors", null), 200), new TypeReference<List<String>>() {});
    }

    /**
     * Creates connector {@code name} or replaces its configuration ({@code PUT /connectors/{name}/config}).
     *
     * @return true if the connector was created, false if an existing one was updated
     */
    public boolean putConnectorConfig(final String name, final Map<String, String> config) {
        final HttpResponse<String> response = sendRetryingConflicts("PUT", connectorPath(name, "/config"), config);
        expect(response, 200, 201);
        LOG.info("{} connector {}", response.statusCode() == 201 ? "Created" : "Updated", name);
        return response.statusCode() == 201;
    }

    /** The stored configuration of connector {@code name}. */
    public Map<String, String> connectorConfig(final String name) {
        return read(
                expect(send("GET", connectorPath(name, "/config"), null), 200),
                new TypeReference<Map<String, String>>() {});
    }

    /** The status of connector {@code name}. */
    public ConnectorStatus status(final String name) {
        return findStatus(name)
                .orElseThrow(
                        () -> new ConnectRestException(NOT_FOUND, "No status for connector " + name + " (yet)", null));
    }

    /** The status of connector {@code name}, or empty if the worker knows no status for it (yet). */
    public Optional<ConnectorStatus> findStatus(final String name) {
        final HttpResponse<String> response = send("GET", connectorPath(name, "/status"), null);
        if (response.statusCode() == NOT_FOUND) {
            return Optional.empty();
        }
        return Optional.of(toStatus(read(expect(response, 200), JsonNode.class)));
    }

    /** The states of the tasks of connector {@code name}, ordered by task id. */
    public List<ConnectorStatus.TaskStatus> taskStates(final String name) {
        return status(name).tasks();
    }

    /** Pauses connector {@code name} and its tasks. */
    public void pause(final String name) {
        expect(sendRetryingConflicts("PUT", connectorPath(name, "/pause"), null), 202);
    }

    /** Resumes paused connector {@code name}. */
    public void resume(final String name) {
        expect(sendRetryingConflicts("PUT", connectorPath(name, "/resume"), null), 202);
    }

    /** Restarts connector {@code name}, with its tasks if {@code includeTasks}, only failed ones if {@code onlyFailed}. */
    public void restart(final String name, final boolean includeTasks, final boolean onlyFailed) {
        expect(
                sendRetryingConflicts(
                        "POST",
                        connectorPath(name, "/restart?includeTasks=" + includeTasks + "&onlyFailed=" + onlyFailed),
                        null),
                200,
                202,
                204);
    }

    /** Deletes connector {@code name}; its committed source offsets stay. */
    public void deleteConnector(final String name) {
        expect(sendRetryingConflicts("DELETE", connectorPath(name, ""), null), 200, 204);
        LOG.info("Deleted connector {}", name);
    }

    /**
     * Waits until connector {@code name} and exactly {@code tasks} tasks are RUNNING.
     *
     * @return the running status
     * @throws ConnectRestException if the connector or a task FAILED (with its trace), or on timeout
     */
    public ConnectorStatus awaitRunning(final String name, final int tasks, final Duration timeout) {
        return awaitStatus(name, status -> status.isRunning(tasks), tasks + " running task(s)", timeout);
    }

    /**
     * Waits until the status of connector {@code name} satisfies {@code condition}.
     *
     * @param description what is awaited, for the timeout message
     * @throws ConnectRestException if the connector or a task FAILED, or on timeout
     */
    public ConnectorStatus awaitStatus(
            final String name,
            final Predicate<ConnectorStatus> condition,
            final String description,
            final Duration timeout) {
        final long deadline = System.nanoTime() + timeout.toNanos();
        Optional<ConnectorStatus> last = Optional.empty();
        while (true) {
            last = findStatus(name);
            if (last.isPresent() && condition.test(last.get())) {
                return last.get();
            }
            if (last.isPresent() && last.get().hasFailure()) {
                throw new ConnectRestException(
                        -1, "Connector " + name + " failed while waiting for " + description + ": " + last.get(), null);
            }
            if (System.nanoTime() - deadline > 0) {
                throw new ConnectRestException(
                        -1,
                        "Connector " + name + " did not reach " + description + " within " + timeout + "; last status: "
                                + last.map(Object::toString).orElse("none"),
                        null);
            }
            waitFor(POLL_INTERVAL);
        }
    }

    private HttpResponse<String> sendRetryingConflicts(final String method, final String path, final Object body) {
        final long deadline = System.nanoTime() + requestTimeout.toNanos();
        while (true) {
            final HttpResponse<String> response = send(method, path, body);
            if (response.statusCode() != CONFLICT || System.nanoTime() - deadline > 0) {
                return response;
            }
            LOG.debug("{} {} answered 409 (rebalance in progress), retrying", method, path);
            waitFor(POLL_INTERVAL);
        }
    }

    private HttpResponse<String> send(final String method, final String path, final Object body) {
        final HttpRequest.BodyPublisher publisher;
        try {
            publisher = body == null
                    ? HttpRequest.BodyPublishers.noBody()
                    : HttpRequest.BodyPublishers.ofString(JSON.writeValueAsString(body), StandardCharsets.UTF_8);
        } catch (JsonProcessingException e) {
            throw new IllegalArgumentException("Cannot write request body as JSON", e);
        }
        final HttpRequest request = HttpRequest.newBuilder(URI.create(baseUrl + path))
                .timeout(requestTimeout)
                .header("Accept", "application/json")
                .header("Content-Type", "application/json")
                .method(method, publisher)
                .build();
        try {
            return http.send(request, HttpResponse.BodyHandlers.ofString(StandardCharsets.UTF_8));
        } catch (IOException e) {
            throw new ConnectRestException(-1, method + " " + request.uri() + " failed: " + e, e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new ConnectRestException(-1, method + " " + request.uri() + " interrupted", e);
        }
    }

    private static HttpResponse<String> expect(final HttpResponse<String> response, final int... statuses) {
        for (final int status : statuses) {
            if (response.statusCode() == status) {
                return response;
            }
        }
        throw new ConnectRestException(
                response.statusCode(),
                response.request().method() + " " + response.request().uri() + " answered " + response.statusCode()
                        + ": " + errorMessage(response),
                null);
    }

    private static String errorMessage(final HttpResponse<String> response) {
        try {
            final JsonNode node = JSON.readTree(response.body());
            return node.hasNonNull("message") ? node.get("message").asText() : response.body();
        } catch (JsonProcessingException e) {
            return response.body();
        }
    }

    private static <T> T read(final HttpResponse<String> response, final TypeReference<T> type) {
        try {
            return JSON.readValue(response.body(), type);
        } catch (JsonProcessingException e) {
            throw new ConnectRestException(
                    response.statusCode(),
                    "Unexpected answer from " + response.request().uri() + ": " + response.body(),
                    e);
        }
    }

    private static <T> T read(final HttpResponse<String> response, final Class<T> type) {
        try {
            return JSON.readValue(response.body(), type);
        } catch (JsonProcessingException e) {
            throw new ConnectRestException(
                    response.statusCode(),
                    "Unexpected answer from " + response.request().uri() + ": " + response.body(),
                    e);
        }
    }

    private static ConnectorStatus toStatus(final JsonNode node) {
        final JsonNode connector = node.path("connector");
        final List<ConnectorStatus.TaskStatus> tasks = new ArrayList<>();
        node.path("tasks")
                .forEach(task -> tasks.add(new ConnectorStatus.TaskStatus(
                        task.path("id").asInt(), text(task, "state"), text(task, "worker_id"), text(task, "trace"))));
        tasks.sort((a, b) -> Integer.compare(a.id(), b.id()));
        return new ConnectorStatus(
                text(node, "name"),
                text(connector, "state"),
                text(connector, "worker_id"),
                text(connector, "trace"),
                text(node, "type"),
                tasks);
    }

    private static String text(final JsonNode node, final String field) {
        final JsonNode value = node.get(field);
        return value == null || value.isNull() ? null : value.asText();
    }

    private static String connectorPath(final String name, final String suffix) {
        return "/connectors/" + URLEncoder.encode(name, StandardCharsets.UTF_8).replace("+", "%20") + suffix;
    }

    private static void waitFor(final Duration duration) {
        try {
            Thread.sleep(duration.toMillis());
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new ConnectRestException(-1, "Interrupted while waiting for Connect", e);
        }
    }
}
