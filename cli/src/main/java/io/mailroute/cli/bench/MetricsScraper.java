package io.mailroute.cli.bench;

import java.io.IOException;
import java.io.InputStream;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;

/**
 * Reads a status server's {@code /metrics} (open to GET, no token needed) and counts what its stream
 * threads consumed from one topic; an instance that does not answer, answers with an error or with
 * more than {@link #MAX_BYTES} is reported as unreachable rather than failing the run.
 */
final class MetricsScraper {
    /** Largest answer read; an instance's metrics are a few hundred KB. */
    static final int MAX_BYTES = 16 * 1024 * 1024;

    private static final Duration TIMEOUT = Duration.ofSeconds(5);

    private final HttpClient http =
            HttpClient.newBuilder().connectTimeout(TIMEOUT).build();
    private final String topic;

    MetricsScraper(final String topic) {
        this.topic = topic;
    }

    InstanceScrape scrape(final String statusUrl) {
        if (statusUrl == null) {
            return InstanceScrape.unreachable("runs no status server");
        }
        try {
            final URI metrics = URI.create(statusUrl).resolve("metrics");
            final HttpResponse<InputStream> response = http.send(
                    HttpRequest.newBuilder(metrics).timeout(TIMEOUT).GET().build(),
                    HttpResponse.BodyHandlers.ofInputStream());
            try (InputStream body = response.body()) {
                if (response.statusCode() != 200) {
                    return InstanceScrape.unreachable(metrics + " answered HTTP " + response.statusCode());
                }
                final byte[] bytes = body.readNBytes(MAX_BYTES + 1);
                if (bytes.length > MAX_BYTES) {
                    return InstanceScrape.unreachable(metrics + " answered more than " + MAX_BYTES + " bytes");
                }
                return InstanceScrape.of(PrometheusText.samples(new String(bytes, StandardCharsets.UTF_8)), topic);
            }
        } catch (IOException | IllegalArgumentException e) {
            return InstanceScrape.unreachable(
                    statusUrl + ": " + (e.getMessage() == null ? e.getClass().getSimpleName() : e.getMessage()));
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("interrupted", e);
        }
    }
}
