package io.mailroute.stack;

import java.net.InetSocketAddress;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;

/**
 * The sink connectors a stack runs, each from its file in {@code ops/connectors/} with the values
 * given here over the file's: the SMTP sink to the stack's capture server or to a relay, a
 * helpdesk, the chat and the order webhooks. Values are set through the connectors' config keys.
 */
public final class SinkConnectors {
    static final String SMTP = "smtp-notify";
    static final String ZENDESK = "helpdesk-zendesk";
    static final String BACKLOG = "helpdesk-backlog";
    static final String CHAT = "webhook-chat";
    static final String ORDER = "webhook-order";
    /** Every sink the stack can run, by connector (and file) name. */
    static final List<String> NAMES = List.of(SMTP, ZENDESK, BACKLOG, CHAT, ORDER);

    private final Map<String, Map<String, String>> wanted = new LinkedHashMap<>();
    private InetSocketAddress relay;

    private SinkConnectors() {}

    /** No sink. */
    public static SinkConnectors none() {
        return new SinkConnectors();
    }

    /** The SMTP sink, delivering to the stack's SMTP capture server. */
    public SinkConnectors smtpCapture() {
        relay = null;
        wanted.put(SMTP, Map.of());
        return this;
    }

    /** The SMTP sink, delivering to the SMTP server at {@code host:port} (plain SMTP, no login) instead. */
    public SinkConnectors smtpRelay(final String host, final int port) {
        relay = InetSocketAddress.createUnresolved(Objects.requireNonNull(host, "host"), port);
        wanted.put(SMTP, Map.of());
        return this;
    }

    /** The helpdesk sink creating Zendesk tickets at {@code url} as the agent {@code email} with API {@code token}. */
    public SinkConnectors zendesk(final String url, final String email, final String token) {
        wanted.remove(BACKLOG);
        wanted.put(ZENDESK, Map.of("helpdesk.url", url, "helpdesk.email", email, "helpdesk.token", token));
        return this;
    }

    /** The helpdesk sink creating Backlog issues of {@code issueTypeId} in {@code projectId} at {@code url}. */
    public SinkConnectors backlog(
            final String url, final String apiKey, final String projectId, final String issueTypeId) {
        wanted.remove(ZENDESK);
        wanted.put(
                BACKLOG,
                Map.of(
                        "helpdesk.url", url,
                        "helpdesk.token", apiKey,
                        "backlog.project.id", projectId,
                        "backlog.issue.type.id", issueTypeId));
        return this;
    }

    /** The webhook sink posting alerts to the Slack-compatible incoming webhook {@code url}. */
    public SinkConnectors chatWebhook(final String url) {
        wanted.put(CHAT, Map.of("chat.webhook.url", url));
        return this;
    }

    /** The webhook sink posting orders to {@code url}, with {@code token} as bearer token (empty for none). */
    public SinkConnectors orderWebhook(final String url, final String token) {
        wanted.put(ORDER, Map.of("order.url", url, "order.auth.token", token));
        return this;
    }

    /** Whether the SMTP sink delivers to the stack's capture server. */
    boolean captures() {
        return wanted.containsKey(SMTP) && relay == null;
    }

    /** The relay the SMTP sink delivers to, when it does not deliver to the capture server. */
    Optional<InetSocketAddress> relay() {
        return Optional.ofNullable(relay);
    }

    /** The sinks asked for with their values, by connector name. */
    Map<String, Map<String, String>> wanted() {
        return Map.copyOf(wanted);
    }
}
