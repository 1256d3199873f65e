package io.mailroute.connectors.webhook;

import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;
import io.mailroute.connectors.it.ConnectStack;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.Deque;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.TreeMap;
import java.util.concurrent.ConcurrentLinkedDeque;
import java.util.concurrent.CopyOnWriteArrayList;

/**
 * A local HTTP server standing in for a chat webhook or an order system: it records every request
 * and answers with the replies queued by the test, then {@code 200 ok}.
 */
public final class WebhookServer implements AutoCloseable {
    private static final Duration RETRY_INITIAL = Duration.ofMillis(200);
    private static final Duration RETRY_MAX = Duration.ofSeconds(2);

    /** One request as received, and the status it was answered with; header names lower-case, first value only. */
    public record Request(String method, String path, Map<String, String> headers, String body, int status) {}

    /** One answer: status, body and headers. */
    record Reply(int status, String body, Map<String, String> headers) {}

    public final List<Request> requests = new CopyOnWriteArrayList<>();
    private final Deque<Reply> replies = new ConcurrentLinkedDeque<>();
    private final HttpServer server;
    private volatile long delayMillis;

    public WebhookServer() throws IOException {
        server = HttpServer.create(new InetSocketAddress("127.0.0.1", 0), 0);
        server.createContext("/", this::handle);
        server.start();
    }

    /** Queues the answer to the next request not yet answered. */
    WebhookServer reply(final int status, final String body, final Map<String, String> headers) {
        replies.add(new Reply(status, body, headers));
        return this;
    }

    WebhookServer reply(final int status, final String body) {
        return reply(status, body, Map.of());
    }

    /**
     * The settings of sink {@code name} in {@code stack} that reads {@code <name>.orders}, records
     * outcomes on {@code <name>.deliveries} and posts each order to {@code /<name>} on this server.
     */
    public Map<String, String> orderSink(final ConnectStack stack, final String name) {
        final Map<String, String> config =
                stack.sinkConnectorConfig(WebhookSinkConnector.class.getName(), name, name + ".orders");
        WebhookSinkConfig.setter(config)
                .order(url("/" + name), "it-token")
                .deliveries(stack.kafka().bootstrapServers(), name + ".deliveries")
                .retries(5, RETRY_INITIAL, RETRY_MAX);
        return config;
    }

    /**
     * As {@link #orderSink}, but reading {@code <name>.alerts} and posting them to chat at
     * {@code /<name>} on this server, new patterns seen again summarised every {@code summaryInterval}.
     */
    Map<String, String> chatSink(final ConnectStack stack, final String name, final Duration summaryInterval) {
        final Map<String, String> config =
                stack.sinkConnectorConfig(WebhookSinkConnector.class.getName(), name, name + ".alerts");
        WebhookSinkConfig.setter(config)
                .chat(url("/" + name), "https://mailroute.example.com")
                .summaryInterval(summaryInterval)
                .deliveries(stack.kafka().bootstrapServers(), name + ".deliveries")
                .retries(5, RETRY_INITIAL, RETRY_MAX);
        return config;
    }

    /** The requests to {@code path} answered {@code 200}. */
    public List<Request> accepted(final String path) {
        return requests.stream()
                .filter(r -> r.path().equals(path) && r.status() == 200)
                .toList();
    }

    /** Answers every request only after {@code millis}, as a slow remote side. */
    public WebhookServer delay(final long millis) {
        this.delayMillis = millis;
        return this;
    }

    String url(final String path) {
        return "http://127.0.0.1:" + server.getAddress().getPort() + path;
    }

    private void handle(final HttpExchange exchange) throws IOException {
        final String body;
        try (InputStream in = exchange.getRequestBody()) {
            body = new String(in.readAllBytes(), StandardCharsets.UTF_8);
        }
        final Map<String, String> headers = new TreeMap<>();
        exchange.getRequestHeaders()
                .forEach((name, values) -> headers.put(name.toLowerCase(Locale.ROOT), values.get(0)));
        final Reply queued = replies.poll();
        final Reply reply = queued == null ? new Reply(200, "ok", Map.of()) : queued;
        if (delayMillis > 0) {
            try {
                Thread.sleep(delayMillis);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
        }
        requests.add(new Request(
                exchange.getRequestMethod(),
                exchange.getRequestURI().getPath(),
                Map.copyOf(headers),
                body,
                reply.status()));
        reply.headers().forEach((name, value) -> exchange.getResponseHeaders().add(name, value));
        final byte[] bytes = reply.body().getBytes(StandardCharsets.UTF_8);
        exchange.sendResponseHeaders(reply.status(), bytes.length == 0 ? -1 : bytes.length);
        try (OutputStream out = exchange.getResponseBody()) {
            out.write(bytes);
        }
    }

    @Override
    public void close() {
        server.stop(0);
    }
}
