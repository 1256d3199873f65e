package io.mailroute.schemas.registry;

import java.time.Duration;
import java.util.List;
import java.util.Optional;

/**
 * How to reach a schema registry: base URLs, credentials and cache/timeouts. Built from the
 * Confluent-compatible client properties by {@link SchemaRegistryClients}.
 */
public record RegistryClientSettings(
        List<String> urls,
        Optional<String> basicAuthUserInfo,
        Optional<String> bearerToken,
        Duration timeout,
        Duration latestCacheTtl) {

    public RegistryClientSettings {
        if (urls == null || urls.isEmpty()) {
            throw new IllegalArgumentException("At least one schema registry URL is required");
        }
        urls = List.copyOf(urls);
    }

    /** Settings with no credentials, a 10 s timeout and a 60 s cache for "latest" answers. */
    public static RegistryClientSettings of(final String... urls) {
        return new RegistryClientSettings(
                List.of(urls), Optional.empty(), Optional.empty(), Duration.ofSeconds(10), Duration.ofSeconds(60));
    }

    /** The {@code Authorization} header value, bearer token taking precedence. */
    public Optional<String> authorizationHeader() {
        return bearerToken.map(t -> "Bearer " + t).or(() -> basicAuthUserInfo.map(RestSchemaRegistryClient::basicAuth));
    }

    @Override
    public String toString() {
        return "RegistryClientSettings[urls=" + urls + ", auth="
                + (authorizationHeader().isPresent() ? "[hidden]" : "none") + "]";
    }
}
