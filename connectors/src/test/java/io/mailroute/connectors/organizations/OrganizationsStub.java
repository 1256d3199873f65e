package io.mailroute.connectors.organizations;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;
import java.io.IOException;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * An in-process AWS Organizations endpoint speaking the real JSON 1.1 protocol
 * ({@code X-Amz-Target: AWSOrganizationsV20161128.ListAccounts}, {@code NextToken} paging,
 * {@code TooManyRequestsException}), so the connector is tested through the real AWS SDK.
 */
final class OrganizationsStub implements AutoCloseable {
    private static final ObjectMapper JSON = new ObjectMapper();
    private static final String TARGET_PREFIX = "AWSOrganizationsV20161128.";

    /** One account; {@code parent} is the root or OU it sits in. */
    record StubAccount(String id, String email, String name, String state, String parent, Instant joined) {}

    private final HttpServer server;
    private final Map<String, StubAccount> accounts = new ConcurrentHashMap<>();
    private final Map<String, List<String>> childOus = new ConcurrentHashMap<>();
    private final AtomicInteger throttleNext = new AtomicInteger();
    private final AtomicInteger throttleNextPage = new AtomicInteger();
    private final AtomicInteger denyNext = new AtomicInteger();
    private final AtomicInteger throttled = new AtomicInteger();
    private final Map<String, AtomicInteger> calls = new ConcurrentHashMap<>();
    private final List<String> authorizationHeaders = new CopyOnWriteArrayList<>();

    OrganizationsStub() throws IOException {
        server = HttpServer.create(new InetSocketAddress("127.0.0.1", 0), 16);
        server.createContext("/", this::handle);
        server.start();
    }

    String endpoint() {
        return "http://127.0.0.1:" + server.getAddress().getPort();
    }

    void put(final String id, final String email, final String name, final String state, final String parent) {
        accounts.put(id, new StubAccount(id, email, name, state, parent, Instant.parse("2024-04-01T00:00:00Z")));
    }

    void put(final String id, final String email, final String name) {
        put(id, email, name, "ACTIVE", "r-root");
    }

    void remove(final String id) {
        accounts.remove(id);
    }

    void addOu(final String parent, final String ou) {
        childOus.computeIfAbsent(parent, p -> new CopyOnWriteArrayList<>()).add(ou);
    }

    /** The next {@code n} requests fail with {@code TooManyRequestsException}. */
    void throttleNext(final int n) {
        throttleNext.set(n);
    }

    /** The next {@code n} requests for a page after the first (with a {@code NextToken}) fail with {@code TooManyRequestsException}. */
    void throttleNextPage(final int n) {
        throttleNextPage.set(n);
    }

    /** The next {@code n} requests fail with {@code AccessDeniedException}. */
    void denyNext(final int n) {
        denyNext.set(n);
    }

    int calls(final String operation) {
        return calls.getOrDefault(operation, new AtomicInteger()).get();
    }

    /** How many requests were answered with {@code TooManyRequestsException}. */
    int throttled() {
        return throttled.get();
    }

    List<String> authorizationHeaders() {
        return List.copyOf(authorizationHeaders);
    }

    private void handle(final HttpExchange exchange) throws IOException {
        try (exchange) {
            final String target = exchange.getRequestHeaders().getFirst("X-Amz-Target");
            authorizationHeaders.add(String.valueOf(exchange.getRequestHeaders().getFirst("Authorization")));
            final JsonNode request = JSON.readTree(exchange.getRequestBody());
            if (!"POST".equals(exchange.getRequestMethod()) || target == null || !target.startsWith(TARGET_PREFIX)) {
                error(exchange, 400, "UnknownOperationException", "Unknown operation " + target);
                return;
            }
            final String operation = target.substring(TARGET_PREFIX.length());
            calls.computeIfAbsent(operation, o -> new AtomicInteger()).incrementAndGet();
            if (throttleNext.getAndUpdate(n -> Math.max(0, n - 1)) > 0
                    || request.hasNonNull("NextToken") && throttleNextPage.getAndUpdate(n -> Math.max(0, n - 1)) > 0) {
                throttled.incrementAndGet();
                error(exchange, 400, "TooManyRequestsException", "Rate exceeded");
                return;
            }
            if (denyNext.getAndUpdate(n -> Math.max(0, n - 1)) > 0) {
                error(exchange, 400, "AccessDeniedException", "You don't have permissions to access this resource.");
                return;
            }
            switch (operation) {
                case "ListAccounts" -> page(exchange, request, "Accounts", accountsUnder(null));
                case "ListAccountsForParent" ->
                    page(
                            exchange,
                            request,
                            "Accounts",
                            accountsUnder(request.path("ParentId").asText()));
                case "ListOrganizationalUnitsForParent" ->
                    page(
                            exchange,
                            request,
                            "OrganizationalUnits",
                            ous(request.path("ParentId").asText()));
                default -> error(exchange, 400, "UnknownOperationException", "Unsupported operation " + operation);
            }
        }
    }

    private List<JsonNode> accountsUnder(final String parent) {
        final List<JsonNode> nodes = new ArrayList<>();
        accounts.values().stream()
                .filter(a -> parent == null || parent.equals(a.parent()))
                .sorted((x, y) -> x.id().compareTo(y.id()))
                .forEach(a -> nodes.add(JSON.createObjectNode()
                        .put("Id", a.id())
                        .put("Arn", "arn:aws:organizations::111111111111:account/o-example/" + a.id())
                        .put("Email", a.email())
                        .put("Name", a.name())
                        .put("Status", "CLOSED".equals(a.state()) ? "SUSPENDED" : a.state())
                        .put("State", a.state())
                        .put("JoinedMethod", "CREATED")
                        .put("JoinedTimestamp", a.joined().getEpochSecond() + 0.5)));
        return nodes;
    }

    private List<JsonNode> ous(final String parent) {
        final List<JsonNode> nodes = new ArrayList<>();
        childOus.getOrDefault(parent, List.of())
                .forEach(ou -> nodes.add(JSON.createObjectNode()
                        .put("Id", ou)
                        .put("Arn", "arn:aws:organizations::111111111111:ou/o-example/" + ou)
                        .put("Name", ou)));
        return nodes;
    }

    private static void page(
            final HttpExchange exchange, final JsonNode request, final String field, final List<JsonNode> all)
            throws IOException {
        final int max = request.path("MaxResults").asInt(20);
        final int from = request.hasNonNull("NextToken")
                ? Integer.parseInt(request.get("NextToken").asText().substring(4))
                : 0;
        final ObjectNode response = JSON.createObjectNode();
        final ArrayNode items = response.putArray(field);
        all.subList(Math.min(from, all.size()), Math.min(from + max, all.size()))
                .forEach(items::add);
        if (from + max < all.size()) {
            response.put("NextToken", "page" + (from + max));
        }
        respond(exchange, 200, response, Map.of());
    }

    private static void error(final HttpExchange exchange, final int status, final String type, final String message)
            throws IOException {
        final Map<String, String> headers = new LinkedHashMap<>();
        headers.put(
                "x-amzn-ErrorType",
                type + ":http://internal.amazon.com/coral/com.amazonaws.awsorganizations.v20161128/");
        respond(exchange, status, JSON.createObjectNode().put("__type", type).put("Message", message), headers);
    }

    private static void respond(
            final HttpExchange exchange, final int status, final JsonNode body, final Map<String, String> headers)
            throws IOException {
        final byte[] bytes = JSON.writeValueAsString(body).getBytes(StandardCharsets.UTF_8);
        exchange.getResponseHeaders().set("Content-Type", "application/x-amz-json-1.1");
        exchange.getResponseHeaders().set("x-amzn-RequestId", UUID.randomUUID().toString());
        headers.forEach((k, v) -> exchange.getResponseHeaders().set(k, v));
        exchange.sendResponseHeaders(status, bytes.length);
        exchange.getResponseBody().write(bytes);
    }

    @Override
    public void close() {
        server.stop(0);
    }
}
