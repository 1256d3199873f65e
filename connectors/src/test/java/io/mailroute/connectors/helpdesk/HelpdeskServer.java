package io.mailroute.connectors.helpdesk;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;
import io.mailroute.connectors.it.ConnectStack;
import java.io.IOException;
import java.net.InetSocketAddress;
import java.net.URLDecoder;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Base64;
import java.util.Deque;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * The documented subset of Zendesk's and Backlog's API v2 on a local JDK HTTP server: tickets and
 * issues in memory, every request recorded, failures queued by the test answered first.
 */
public final class HelpdeskServer implements AutoCloseable {
    static final String EMAIL = "agent@example.com";
    static final String TOKEN = "zendesk-s3cret";
    static final String API_KEY = "backlog-s3cret";
    static final long PROJECT_ID = 10001;
    private static final Duration RETRY_INITIAL = Duration.ofMillis(200);
    private static final Duration RETRY_MAX = Duration.ofSeconds(2);

    private static final ObjectMapper JSON = new ObjectMapper();
    private static final Pattern ZENDESK_TICKET = Pattern.compile("/api/v2/tickets/(\\d+)\\.json");
    private static final Pattern BACKLOG_ISSUE = Pattern.compile("/api/v2/issues/([^/]+)(/comments)?");

    /** One request as received. */
    record Request(String method, String path, Map<String, String> query, Map<String, String> headers, String body) {
        Map<String, String> form() {
            return parse(body);
        }
    }

    /** A ticket or issue. */
    public static final class Ticket {
        long id;
        String key;
        public String externalId;
        String subject;
        String description;
        String priority;
        public String status = "open";
        final List<String> comments = new ArrayList<>();
    }

    private record Forced(int status, String body, String retryAfter) {}

    final List<Request> requests = new CopyOnWriteArrayList<>();
    final Map<Long, Ticket> tickets = new LinkedHashMap<>();
    private final Deque<Forced> forced = new ArrayDeque<>();
    private final HttpServer server;
    private boolean loseCreateAnswer;
    private long delayMs;

    public HelpdeskServer() throws IOException {
        server = HttpServer.create(new InetSocketAddress("127.0.0.1", 0), 0);
        server.createContext("/", this::handle);
        server.start();
    }

    String url() {
        return "http://127.0.0.1:" + server.getAddress().getPort();
    }

    /** The next request is answered {@code status} with {@code body} (and a {@code Retry-After} unless null). */
    synchronized HelpdeskServer fail(final int status, final String body, final String retryAfter) {
        forced.add(new Forced(status, body, retryAfter));
        return this;
    }

    /**
     * The settings of sink {@code name} in {@code stack} that reads {@code <name>.tickets}, records
     * outcomes on {@code <name>.deliveries} and applies them to this server as Zendesk.
     */
    public Map<String, String> zendeskSink(final ConnectStack stack, final String name) {
        final Map<String, String> config =
                stack.sinkConnectorConfig(HelpdeskSinkConnector.class.getName(), name, name + ".tickets");
        HelpdeskSinkConfig.setter(config)
                .zendesk(url(), EMAIL, TOKEN)
                .deliveries(stack.kafka().bootstrapServers(), name + ".deliveries")
                .retries(5, RETRY_INITIAL, RETRY_MAX);
        return config;
    }

    /** As {@link #zendeskSink}, but to this server as Backlog, issues of type {@code issueTypeId}. */
    Map<String, String> backlogSink(final ConnectStack stack, final String name, final long issueTypeId) {
        final Map<String, String> config =
                stack.sinkConnectorConfig(HelpdeskSinkConnector.class.getName(), name, name + ".tickets");
        HelpdeskSinkConfig.setter(config)
                .backlog(url(), API_KEY, PROJECT_ID, issueTypeId)
                .deliveries(stack.kafka().bootstrapServers(), name + ".deliveries")
                .retries(5, RETRY_INITIAL, RETRY_MAX);
        return config;
    }

    /** Every answer waits {@code ms} milliseconds, as a remote helpdesk does. */
    public synchronized HelpdeskServer delay(final long ms) {
        delayMs = ms;
        return this;
    }

    /** The next Zendesk create is carried out, but answered 502 (the answer lost on the way). */
    synchronized HelpdeskServer loseNextCreateAnswer() {
        loseCreateAnswer = true;
        return this;
    }

    /** The tickets (Zendesk) and issues (Backlog) made so far. */
    public synchronized List<Ticket> all() {
        return List.copyOf(tickets.values());
    }

    private synchronized void handle(final HttpExchange exchange) throws IOException {
        try (exchange) {
            final String body = new String(exchange.getRequestBody().readAllBytes(), StandardCharsets.UTF_8);
            final Map<String, String> headers = new HashMap<>();
            exchange.getRequestHeaders()
                    .forEach((k, v) -> headers.put(k.toLowerCase(Locale.ROOT), String.join(",", v)));
            final String path = exchange.getRequestURI().getPath();
            final Map<String, String> query = parse(exchange.getRequestURI().getRawQuery());
            final Request request = new Request(exchange.getRequestMethod(), path, query, headers, body);
            requests.add(request);
            if (delayMs > 0) {
                try {
                    Thread.sleep(delayMs);
                } catch (InterruptedException e) {
                    Thread.currentThread().interrupt();
                }
            }
            final Forced failure = forced.poll();
            if (failure != null) {
                if (failure.retryAfter() != null) {
                    exchange.getResponseHeaders().add("Retry-After", failure.retryAfter());
                }
                send(exchange, failure.status(), failure.body());
                return;
            }
            if (path.startsWith("/api/v2/tickets")) {
                zendesk(exchange, request);
            } else {
                backlog(exchange, request);
            }
        }
    }

    private void zendesk(final HttpExchange exchange, final Request request) throws IOException {
        final String expected = "Basic "
                + Base64.getEncoder().encodeToString((EMAIL + "/token:" + TOKEN).getBytes(StandardCharsets.UTF_8));
        if (!expected.equals(request.headers().get("authorization"))) {
            send(exchange, 401, "{\"error\":\"Couldn't authenticate you\"}");
            return;
        }
        final Matcher one = ZENDESK_TICKET.matcher(request.path());
        if (request.path().equals("/api/v2/tickets.json") && request.method().equals("GET")) {
            final ObjectNode answer = JSON.createObjectNode();
            final ArrayNode found = answer.putArray("tickets");
            tickets.values().stream()
                    .filter(t -> t.externalId != null
                            && t.externalId.equals(request.query().get("external_id")))
                    .forEach(t -> found.add(zendeskJson(t)));
            answer.put("count", found.size());
            send(exchange, 200, answer.toString());
        } else if (request.path().equals("/api/v2/tickets.json")
                && request.method().equals("POST")) {
            final JsonNode ticket = JSON.readTree(request.body()).path("ticket");
            final Ticket created = new Ticket();
            created.id = tickets.size() + 1L;
            created.externalId = ticket.path("external_id").asText(null);
            created.subject = ticket.path("subject").asText();
            created.priority = ticket.path("priority").asText(null);
            created.status = "new";
            created.comments.add(ticket.path("comment").path("body").asText());
            tickets.put(created.id, created);
            if (loseCreateAnswer) {
                loseCreateAnswer = false;
                send(exchange, 502, "Bad Gateway");
                return;
            }
            send(
                    exchange,
                    201,
                    JSON.createObjectNode().set("ticket", zendeskJson(created)).toString());
        } else if (one.matches() && request.method().equals("PUT")) {
            final Ticket ticket = tickets.get(Long.parseLong(one.group(1)));
            if (ticket == null) {
                send(exchange, 404, "{\"error\":\"RecordNotFound\"}");
                return;
            }
            final JsonNode update = JSON.readTree(request.body()).path("ticket");
            if (update.has("comment")) {
                ticket.comments.add(update.path("comment").path("body").asText());
            }
            if (update.has("status")) {
                ticket.status = update.get("status").asText();
            }
            send(
                    exchange,
                    200,
                    JSON.createObjectNode().set("ticket", zendeskJson(ticket)).toString());
        } else {
            send(exchange, 404, "{\"error\":\"InvalidEndpoint\"}");
        }
    }

    private static ObjectNode zendeskJson(final Ticket ticket) {
        final ObjectNode json = JSON.createObjectNode();
        json.put("id", ticket.id);
        json.put("external_id", ticket.externalId);
        json.put("subject", ticket.subject);
        json.put("priority", ticket.priority);
        json.put("status", ticket.status);
        return json;
    }

    private void backlog(final HttpExchange exchange, final Request request) throws IOException {
        if (!API_KEY.equals(request.query().get("apiKey"))) {
            send(exchange, 401, "{\"errors\":[{\"message\":\"Authentication failure.\",\"code\":11}]}");
            return;
        }
        final Matcher one = BACKLOG_ISSUE.matcher(request.path());
        if (request.path().equals("/api/v2/issues") && request.method().equals("GET")) {
            final String keyword = request.query().getOrDefault("keyword", "");
            final ArrayNode found = JSON.createArrayNode();
            tickets.values().stream()
                    .filter(t ->
                            String.valueOf(PROJECT_ID).equals(request.query().get("projectId[]")))
                    .filter(t -> t.key != null)
                    .filter(t -> t.subject.contains(keyword) || t.description.contains(keyword))
                    .forEach(t -> found.add(backlogJson(t)));
            send(exchange, 200, found.toString());
        } else if (request.path().equals("/api/v2/issues") && request.method().equals("POST")) {
            final Map<String, String> form = request.form();
            final Ticket created = new Ticket();
            created.id = tickets.size() + 1L;
            created.key = "MR-" + created.id;
            created.subject = form.get("summary");
            created.description = form.get("description");
            created.priority = form.get("priorityId");
            created.status = "1";
            tickets.put(created.id, created);
            send(exchange, 201, backlogJson(created).toString());
        } else if (one.matches()) {
            final Ticket ticket = tickets.values().stream()
                    .filter(t -> one.group(1).equals(t.key) || one.group(1).equals(String.valueOf(t.id)))
                    .findFirst()
                    .orElse(null);
            if (ticket == null) {
                send(exchange, 404, "{\"errors\":[{\"message\":\"No issue.\",\"code\":6}]}");
                return;
            }
            final Map<String, String> form = request.form();
            if (one.group(2) != null && request.method().equals("POST")) {
                ticket.comments.add(form.get("content"));
                send(exchange, 201, "{\"id\":" + ticket.comments.size() + "}");
            } else if (one.group(2) == null && request.method().equals("PATCH")) {
                if (form.containsKey("statusId")) {
                    ticket.status = form.get("statusId");
                }
                if (form.containsKey("comment")) {
                    ticket.comments.add(form.get("comment"));
                }
                send(exchange, 200, backlogJson(ticket).toString());
            } else {
                send(exchange, 405, "{}");
            }
        } else {
            send(exchange, 404, "{}");
        }
    }

    private static ObjectNode backlogJson(final Ticket ticket) {
        final ObjectNode json = JSON.createObjectNode();
        json.put("id", ticket.id);
        json.put("issueKey", ticket.key);
        json.put("summary", ticket.subject);
        json.put("description", ticket.description);
        json.putObject("status").put("id", Integer.parseInt(ticket.status));
        return json;
    }

    private static Map<String, String> parse(final String encoded) {
        final Map<String, String> fields = new LinkedHashMap<>();
        if (encoded == null || encoded.isEmpty()) {
            return fields;
        }
        for (final String pair : encoded.split("&")) {
            final int eq = pair.indexOf('=');
            final String name = URLDecoder.decode(eq < 0 ? pair : pair.substring(0, eq), StandardCharsets.UTF_8);
            final String value = eq < 0 ? "" : URLDecoder.decode(pair.substring(eq + 1), StandardCharsets.UTF_8);
            fields.put(name, value);
        }
        return fields;
    }

    private static void send(final HttpExchange exchange, final int status, final String body) throws IOException {
        final byte[] bytes = body.getBytes(StandardCharsets.UTF_8);
        exchange.getResponseHeaders().add("Content-Type", "application/json");
        exchange.sendResponseHeaders(status, bytes.length == 0 ? -1 : bytes.length);
        if (bytes.length > 0) {
            exchange.getResponseBody().write(bytes);
        }
    }

    @Override
    public void close() {
        server.stop(0);
    }
}
