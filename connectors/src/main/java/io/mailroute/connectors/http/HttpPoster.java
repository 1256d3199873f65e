package io.mailroute.connectors.http;

import io.mailroute.connectors.delivery.DeliveryFailure;
import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.time.ZonedDateTime;
import java.time.format.DateTimeFormatter;
import java.time.format.DateTimeParseException;
import java.util.Map;
import java.util.Optional;
import org.apache.kafka.connect.errors.ConnectException;

/**
 * Sends one request with the JDK's {@link HttpClient} and classifies the answer once, for every
 * HTTP sink (webhook, helpdesk): 2xx is
 * accepted; 429 (with its {@code Retry-After}), 408, 5xx, connection errors and timeouts are
 * {@link Failure.Kind#TRANSIENT}; any other status (other 4xx, redirects) is
 * {@link Failure.Kind#PERMANENT}, with the status and an excerpt of the body.
 */
public final class HttpPoster {
    public static final int MAX_EXCERPT = 300;

    private final HttpClient client;
    private final Duration requestTimeout;

    public HttpPoster(final Duration connectTimeout, final Duration requestTimeout) {
        this.client = HttpClient.newBuilder()
                .connectTimeout(connectTimeout)
                .version(HttpClient.Version.HTTP_1_1)
                .followRedirects(HttpClient.Redirect.NEVER)
                .build();
        this.requestTimeout = requestTimeout;
    }

    /** A 2xx answer: its status and an excerpt of its body. */
    public record Accepted(int status, String excerpt, String body) {
        public String detail() {
            return excerpt.isEmpty() ? "HTTP " + status : "HTTP " + status + " " + excerpt;
        }
    }

    /** A request that was not accepted, classified. */
    public static final class Failure extends Exception {
        private static final long serialVersionUID = 1L;

        /** What to do about it. */
        public enum Kind {
            /** Try again later (after {@link #retryAfter()} when the server said so). */
            TRANSIENT,
            /** Trying again cannot help: dead-letter. */
            PERMANENT
        }

        private final Kind kind;
        private final transient Duration retryAfter;

        public Failure(final Kind kind, final String message, final Duration retryAfter, final Throwable cause) {
            super(message, cause);
            this.kind = kind;
            this.retryAfter = retryAfter;
        }

        public Kind kind() {
            return kind;
        }

        /** The server's {@code Retry-After}, if it gave one. */
        public Optional<Duration> retryAfter() {
            return Optional.ofNullable(retryAfter);
        }

        /** This failure as a delivering sink classifies it, with this as the cause. */
        public DeliveryFailure classified() {
            return kind == Kind.PERMANENT
                    ? DeliveryFailure.permanent(getMessage(), this)
                    : DeliveryFailure.transientFailure(getMessage(), retryAfter(), this);
        }
    }

    /** POSTs {@code json} to {@code url} with {@code headers}. */
    public Accepted post(final URI url, final String json, final Map<String, String> headers) throws Failure {
        return send("POST", url, "application/json; charset=utf-8", json, headers);
    }

    /**
     * Sends {@code method} to {@code url} with {@code body} of {@code contentType} ({@code body} null:
     * no body) and {@code headers}.
     */
    public Accepted send(
            final String method,
            final URI url,
            final String contentType,
            final String body,
            final Map<String, String> headers)
            throws Failure {
        final HttpRequest.Builder request = HttpRequest.newBuilder(url)
                .timeout(requestTimeout)
                .method(
                        method,
                        body == null
                                ? HttpRequest.BodyPublishers.noBody()
                                : HttpRequest.BodyPublishers.ofString(body, StandardCharsets.UTF_8));
        if (body != null) {
            request.header("Content-Type", contentType);
        }
        headers.forEach(request::header);
        final HttpResponse<String> response;
        try {
            response = client.send(request.build(), HttpResponse.BodyHandlers.ofString(StandardCharsets.UTF_8));
        } catch (IOException e) {
            throw new Failure(
                    Failure.Kind.TRANSIENT,
                    method + " to " + where(url) + " failed: " + e.getClass().getSimpleName()
                            + (e.getMessage() == null ? "" : ": " + e.getMessage()),
                    null,
                    e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new ConnectException("Interrupted while sending to " + where(url), e);
        }
        final int status = response.statusCode();
        final String excerpt = excerpt(response.body());
        if (status >= 200 && status < 300) {
            return new Accepted(status, excerpt, response.body());
        }
        final String message = "HTTP " + status + (excerpt.isEmpty() ? "" : " " + excerpt);
        if (status == 429) {
            final Duration retryAfter = response.headers()
                    .firstValue("Retry-After")
                    .flatMap(HttpPoster::retryAfter)
                    .orElse(null);
            throw new Failure(Failure.Kind.TRANSIENT, message, retryAfter, null);
        }
        if (status == 408 || status >= 500) {
            throw new Failure(Failure.Kind.TRANSIENT, message, null, null);
        }
        throw new Failure(Failure.Kind.PERMANENT, message, null, null);
    }

    /** {@code Retry-After} as seconds or as an HTTP date (RFC 9110 10.2.3); empty when unreadable. */
    public static Optional<Duration> retryAfter(final String value) {
        final String text = value.trim();
        try {
            return Optional.of(Duration.ofSeconds(Math.max(0, Long.parseLong(text))));
        } catch (NumberFormatException e) {
            try {
                final Instant at = ZonedDateTime.parse(text, DateTimeFormatter.RFC_1123_DATE_TIME)
                        .toInstant();
                final Duration wait = Duration.between(Instant.now(), at);
                return Optional.of(wait.isNegative() ? Duration.ZERO : wait);
            } catch (DateTimeParseException notADate) {
                return Optional.empty();
            }
        }
    }

    /** Scheme, host and port only: a chat webhook's path is its secret. */
    public static String where(final URI url) {
        return url.getScheme() + "://" + url.getHost() + (url.getPort() < 0 ? "" : ":" + url.getPort());
    }

    public static String excerpt(final String body) {
        if (body == null) {
            return "";
        }
        final String flat = body.replaceAll("\\s+", " ").trim();
        return flat.length() <= MAX_EXCERPT ? flat : flat.substring(0, MAX_EXCERPT - 1) + "…";
    }
}
