package io.mailroute.connectors.http;

import java.time.Duration;
import org.apache.kafka.common.config.AbstractConfig;
import org.apache.kafka.common.config.ConfigDef;
import org.apache.kafka.common.config.ConfigDef.Importance;
import org.apache.kafka.common.config.ConfigDef.Type;
import org.apache.kafka.common.config.ConfigDef.Width;

/**
 * The keys of an HTTP sink's client (webhook, helpdesk): how long it waits for a connection and for
 * a response's headers. The keys are the same for every sink; the docs name the sink's remote.
 */
public final class HttpClientConfig {
    public static final String CONNECT_TIMEOUT_MS_CONFIG = "http.connect.timeout.ms";
    public static final int CONNECT_TIMEOUT_MS_DEFAULT = 10_000;

    public static final String REQUEST_TIMEOUT_MS_CONFIG = "http.request.timeout.ms";
    private static final String REQUEST_TIMEOUT_MS_DOC =
            "Timeout for one request until the response headers arrive, in milliseconds; a timeout is retried.";
    public static final int REQUEST_TIMEOUT_MS_DEFAULT = 30_000;

    private final AbstractConfig config;

    public HttpClientConfig(final AbstractConfig config) {
        this.config = config;
    }

    /**
     * Adds the keys to {@code def} in {@code group}, ordered from {@code order} + 1 on; {@code remote}
     * names what the sink connects to in the docs, e.g. {@code the webhook}.
     */
    public static ConfigDef define(final ConfigDef def, final String group, final int order, final String remote) {
        return def.define(
                        CONNECT_TIMEOUT_MS_CONFIG,
                        Type.INT,
                        CONNECT_TIMEOUT_MS_DEFAULT,
                        ConfigDef.Range.atLeast(1),
                        Importance.LOW,
                        "Timeout for connecting to " + remote + ", in milliseconds.",
                        group,
                        order + 1,
                        Width.SHORT,
                        "Connect timeout")
                .define(
                        REQUEST_TIMEOUT_MS_CONFIG,
                        Type.INT,
                        REQUEST_TIMEOUT_MS_DEFAULT,
                        ConfigDef.Range.atLeast(1),
                        Importance.LOW,
                        REQUEST_TIMEOUT_MS_DOC,
                        group,
                        order + 2,
                        Width.SHORT,
                        "Request timeout");
    }

    /** A client with the configured timeouts. */
    public HttpPoster poster() {
        return new HttpPoster(
                Duration.ofMillis(config.getInt(CONNECT_TIMEOUT_MS_CONFIG)),
                Duration.ofMillis(config.getInt(REQUEST_TIMEOUT_MS_CONFIG)));
    }
}
