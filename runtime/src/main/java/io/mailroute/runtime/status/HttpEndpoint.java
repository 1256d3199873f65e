package io.mailroute.runtime.status;

import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpHandler;
import java.io.IOException;
import java.io.OutputStream;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import org.apache.kafka.common.errors.RetriableException;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The JDK HTTP server's single handler: applies the {@link AccessPolicy}, routes, and turns
 * failures into one-line JSON errors (the detail goes to the log, never a stack trace to the client).
 * The client's time to send the request and take the answer is bounded by the {@link BoundedExecutor};
 * the clock stops while the answer is worked out. No response may be framed by another page.
 */
final class HttpEndpoint implements HttpHandler {
    private static final Logger LOG = LoggerFactory.getLogger(HttpEndpoint.class);
    /** Requests carry no payload the server reads; anything bigger than this is refused unread. */
    private static final long MAX_BODY_BYTES = 64 * 1024;

    private final Router router;
    private final AccessPolicy policy;
    private final BoundedExecutor executor;

    /** @param executor the executor the server runs this handler on, whose client clock it stops and restarts */
    HttpEndpoint(final Router router, final AccessPolicy policy, final BoundedExecutor executor) {
        this.router = router;
        this.policy = policy;
        this.executor = executor;
    }

    @Override
    public void handle(final HttpExchange exchange) throws IOException {
        try (exchange) {
            final boolean oversized =
                    exchange.getRequestBody().readNBytes((int) MAX_BODY_BYTES + 1).length > MAX_BODY_BYTES;
            executor.pause();
            final ApiResponse response = oversized
                    ? ApiResponse.error(413, "request body over " + MAX_BODY_BYTES + " bytes")
                    : answer(request(exchange));
            executor.resume();
            send(exchange, response);
        }
    }

    ApiResponse answer(final ApiRequest request) {
        final Optional<ApiResponse> refusal = policy.refusal(request);
        if (refusal.isPresent()) {
            LOG.info(
                    "Refused {} {}: {}",
                    request.method(),
                    request.rawPath(),
                    refusal.get().status());
            return refusal.get();
        }
        try {
            return router.route(request);
        } catch (ApiException e) {
            return ApiResponse.error(e.status(), e.getMessage());
        } catch (RetriableException e) {
            LOG.warn("{} {}: Kafka unavailable: {}", request.method(), request.rawPath(), e.getMessage());
            return ApiResponse.error(503, "Kafka is not reachable right now: " + e.getMessage())
                    .withHeader("Retry-After", "5");
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return ApiResponse.error(503, "interrupted");
        } catch (Exception e) {
            LOG.warn("{} {} failed", request.method(), request.rawPath(), e);
            return ApiResponse.error(500, e.getClass().getSimpleName() + ": " + e.getMessage());
        }
    }

    private static ApiRequest request(final HttpExchange exchange) {
        final Map<String, String> headers = new HashMap<>();
        exchange.getRequestHeaders().forEach((name, values) -> {
            if (!values.isEmpty()) {
                headers.put(name.toLowerCase(Locale.ROOT), values.get(0));
            }
        });
        return ApiRequest.of(
                exchange.getRequestMethod(), exchange.getRequestURI().getRawPath(), headers);
    }

    private static void send(final HttpExchange exchange, final ApiResponse response) throws IOException {
        response.headers()
                .forEach((name, value) -> exchange.getResponseHeaders().put(name, List.of(value)));
        exchange.getResponseHeaders().put("Content-Type", List.of(response.contentType()));
        exchange.getResponseHeaders().put("Cache-Control", List.of("no-store"));
        exchange.getResponseHeaders().put("X-Content-Type-Options", List.of("nosniff"));
        // no page of another origin may frame the status page (clickjacking the Retry and Release buttons)
        exchange.getResponseHeaders().put("Content-Security-Policy", List.of("frame-ancestors 'none'"));
        exchange.getResponseHeaders().put("X-Frame-Options", List.of("DENY"));
        final boolean head = "HEAD".equalsIgnoreCase(exchange.getRequestMethod());
        exchange.sendResponseHeaders(
                response.status(), head ? -1 : response.body().length == 0 ? -1 : response.body().length);
        if (!head && response.body().length > 0) {
            try (OutputStream out = exchange.getResponseBody()) {
                out.write(response.body());
            }
        }
    }
}
