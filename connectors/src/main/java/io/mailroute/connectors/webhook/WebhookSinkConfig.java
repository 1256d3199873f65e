package io.mailroute.connectors.webhook;

import io.mailroute.connectors.common.HttpUrlValidator;
import io.mailroute.connectors.common.LowerCaseEnums;
import io.mailroute.connectors.common.RegistryConfig;
import io.mailroute.connectors.delivery.DeliveriesConfig;
import io.mailroute.connectors.delivery.DeliveringSinkSetter;
import io.mailroute.connectors.http.HttpClientConfig;
import java.net.URI;
import java.time.Duration;
import java.util.Map;
import java.util.Optional;
import org.apache.kafka.common.config.AbstractConfig;
import org.apache.kafka.common.config.ConfigDef;
import org.apache.kafka.common.config.ConfigDef.Importance;
import org.apache.kafka.common.config.ConfigDef.Type;
import org.apache.kafka.common.config.ConfigDef.Width;
import org.apache.kafka.common.config.ConfigException;
import org.apache.kafka.common.config.types.Password;

/** Configuration of {@link WebhookSinkConnector}, shared by the connector and its tasks. */
public final class WebhookSinkConfig extends AbstractConfig {
    public static final String WEBHOOK_GROUP = "Webhook";
    public static final String CHAT_GROUP = "Chat";
    public static final String ORDER_GROUP = "Order";

    public static final String KIND_CONFIG = "webhook.kind";
    private static final String KIND_DOC =
            "What the connector posts: chat (mail.alerts as Slack-compatible Block Kit messages to chat.webhook.url) or order (mail.order-import as JSON to order.url).";

    public static final String CHAT_URL_CONFIG = "chat.webhook.url";
    private static final String CHAT_URL_DOC =
            "Slack-compatible incoming webhook URL alerts are posted to (required with webhook.kind=chat); a secret, never logged.";

    public static final String STATUS_URL_CONFIG = "status.url";
    private static final String STATUS_URL_DOC =
            "Base URL of mailroute's status server, e.g. https://mailroute.example.com; sample mails link to <status.url>/api/status/<mailId>; empty for no links.";

    public static final String SUMMARY_INTERVAL_MS_CONFIG = "chat.summary.interval.ms";
    private static final String SUMMARY_INTERVAL_MS_DOC =
            "How often later sightings of NEW_PATTERN alerts already posted are summarised in one message (a count per pattern), in milliseconds.";
    public static final long SUMMARY_INTERVAL_MS_DEFAULT = Duration.ofHours(1).toMillis();

    public static final String ORDER_URL_CONFIG = "order.url";
    private static final String ORDER_URL_DOC =
            "URL each order is POSTed to as JSON (required with webhook.kind=order).";

    public static final String ORDER_TOKEN_CONFIG = "order.auth.token";
    private static final String ORDER_TOKEN_DOC =
            "Token sent as Authorization: Bearer <token> with each order; empty for none; never logged.";

    private static final DeliveriesConfig.Docs DELIVERIES_DOCS = DeliveriesConfig.Docs.http(
            "Compacted topic every outcome is recorded on (Delivery, key mailId|ownerId|ORDER_WEBHOOK or <alertKey>@<raisedAt>||CHAT) and read at task start so that nothing is posted twice.");

    private static final ConfigDef CONFIG_DEF = configDef();

    private final Kind kind;

    public WebhookSinkConfig(final Map<String, String> props) {
        super(CONFIG_DEF, props);
        this.kind = LowerCaseEnums.parse(Kind.class, getString(KIND_CONFIG));
        if (kind == Kind.CHAT && chatUrl().isEmpty()) {
            throw new ConfigException(CHAT_URL_CONFIG, "", "is required with " + KIND_CONFIG + "=chat");
        }
        if (kind == Kind.ORDER && orderUrl().isEmpty()) {
            throw new ConfigException(ORDER_URL_CONFIG, "", "is required with " + KIND_CONFIG + "=order");
        }
    }

    /** Every key of the connector, with groups and docs (the README table is generated from it). */
    public static ConfigDef configDef() {
        final ConfigDef def = new ConfigDef();
        int order = 0;
        def.define(
                KIND_CONFIG,
                Type.STRING,
                ConfigDef.NO_DEFAULT_VALUE,
                LowerCaseEnums.validator(Kind.class),
                Importance.HIGH,
                KIND_DOC,
                WEBHOOK_GROUP,
                ++order,
                Width.SHORT,
                "Kind");
        HttpClientConfig.define(def, WEBHOOK_GROUP, order, "the webhook");
        order = 0;
        def.define(
                        CHAT_URL_CONFIG,
                        Type.PASSWORD,
                        null,
                        new HttpUrlValidator(),
                        Importance.HIGH,
                        CHAT_URL_DOC,
                        CHAT_GROUP,
                        ++order,
                        Width.LONG,
                        "Chat webhook URL")
                .define(
                        STATUS_URL_CONFIG,
                        Type.STRING,
                        "",
                        new HttpUrlValidator(),
                        Importance.MEDIUM,
                        STATUS_URL_DOC,
                        CHAT_GROUP,
                        ++order,
                        Width.LONG,
                        "Status page URL")
                .define(
                        SUMMARY_INTERVAL_MS_CONFIG,
                        Type.LONG,
                        SUMMARY_INTERVAL_MS_DEFAULT,
                        ConfigDef.Range.atLeast(1L),
                        Importance.LOW,
                        SUMMARY_INTERVAL_MS_DOC,
                        CHAT_GROUP,
                        ++order,
                        Width.SHORT,
                        "Summary interval");
        order = 0;
        def.define(
                        ORDER_URL_CONFIG,
                        Type.STRING,
                        "",
                        new HttpUrlValidator(),
                        Importance.HIGH,
                        ORDER_URL_DOC,
                        ORDER_GROUP,
                        ++order,
                        Width.LONG,
                        "Order URL")
                .define(
                        ORDER_TOKEN_CONFIG,
                        Type.PASSWORD,
                        null,
                        Importance.MEDIUM,
                        ORDER_TOKEN_DOC,
                        ORDER_GROUP,
                        ++order,
                        Width.MEDIUM,
                        "Order token");
        DeliveriesConfig.define(def, DELIVERIES_DOCS);
        return RegistryConfig.define(def);
    }

    /** A fluent builder of connector properties, for tests and tools. */
    public static Setter setter(final Map<String, String> props) {
        return new Setter(props);
    }

    public Kind kind() {
        return kind;
    }

    /** The chat webhook, if configured. */
    public Optional<URI> chatUrl() {
        final Password url = getPassword(CHAT_URL_CONFIG);
        return url == null || url.value().isBlank()
                ? Optional.empty()
                : Optional.of(URI.create(url.value().trim()));
    }

    /** The status server's base URL without a trailing slash, if configured. */
    public Optional<String> statusUrl() {
        final String url = getString(STATUS_URL_CONFIG).trim();
        return url.isEmpty() ? Optional.empty() : Optional.of(url.replaceAll("/+$", ""));
    }

    public Duration summaryInterval() {
        return Duration.ofMillis(getLong(SUMMARY_INTERVAL_MS_CONFIG));
    }

    /** The order endpoint, if configured. */
    public Optional<URI> orderUrl() {
        final String url = getString(ORDER_URL_CONFIG).trim();
        return url.isEmpty() ? Optional.empty() : Optional.of(URI.create(url));
    }

    /** The order endpoint's bearer token, if any. */
    public Optional<String> orderToken() {
        final Password token = getPassword(ORDER_TOKEN_CONFIG);
        return token == null || token.value().isBlank() ? Optional.empty() : Optional.of(token.value());
    }

    /** The HTTP client keys. */
    public HttpClientConfig http() {
        return new HttpClientConfig(this);
    }

    /** The retry and deliveries keys. */
    public DeliveriesConfig deliveries() {
        return new DeliveriesConfig(this);
    }

    /** What the connector posts. */
    public enum Kind {
        /** Alerts to a chat webhook. */
        CHAT,
        /** Orders to an order system. */
        ORDER
    }

    /** Builds connector properties fluently: {@code WebhookSinkConfig.setter(props).order("http://...")}. */
    public static final class Setter extends DeliveringSinkSetter<Setter> {
        private Setter(final Map<String, String> props) {
            super(props);
        }

        /** Chat: alerts to {@code webhookUrl}, samples linked to {@code statusUrl}. */
        public Setter chat(final String webhookUrl, final String statusUrl) {
            return set(KIND_CONFIG, "chat").set(CHAT_URL_CONFIG, webhookUrl).set(STATUS_URL_CONFIG, statusUrl);
        }

        /** Order: orders to {@code url}, with {@code token} as bearer unless empty. */
        public Setter order(final String url, final String token) {
            return set(KIND_CONFIG, "order").set(ORDER_URL_CONFIG, url).set(ORDER_TOKEN_CONFIG, token);
        }

        public Setter summaryInterval(final Duration interval) {
            return set(SUMMARY_INTERVAL_MS_CONFIG, interval.toMillis());
        }
    }
}
