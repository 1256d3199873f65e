package io.mailroute.connectors.webhook;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.mailroute.avro.Alert;
import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.List;
import java.util.Locale;
import java.util.Optional;

/**
 * Slack-compatible Block Kit messages: one per alert (a header with level and type, the message, a
 * section of fields with key, scope and count, and the sample mails linked to the status page), and
 * the periodic summary of new patterns seen again.
 */
final class ChatMessages {
    private static final ObjectMapper JSON = new ObjectMapper();
    private static final int MAX_HEADER = 150;
    private static final int MAX_TEXT = 3_000;
    private static final int MAX_FIELD = 2_000;
    static final int MAX_SAMPLES = 5;

    private final Optional<String> statusUrl;

    ChatMessages(final Optional<String> statusUrl) {
        this.statusUrl = statusUrl;
    }

    /** How often a pattern was seen again since it was last posted. */
    record PatternCount(String alertKey, String scope, long alerts, long total) {}

    String alert(final Alert alert) {
        final ObjectNode root = JSON.createObjectNode();
        final String title = alert.getLevel() + " · " + alert.getType();
        root.put("text", clip(title + ": " + alert.getMessage() + " (" + alert.getAlertKey() + ")", MAX_TEXT));
        final ArrayNode blocks = root.putArray("blocks");
        header(blocks, title);
        section(blocks, escape(alert.getMessage()));
        final ObjectNode facts = blocks.addObject().put("type", "section");
        final ArrayNode fields = facts.putArray("fields");
        field(fields, "Level", alert.getLevel().name());
        field(fields, "Type", alert.getType().name());
        field(fields, "Key", "`" + escape(alert.getAlertKey()) + "`");
        field(fields, "Scope", escape(alert.getScope()));
        field(fields, "Count", Long.toString(alert.getCount()));
        if (alert.getRate() != null) {
            field(
                    fields,
                    "Rate",
                    String.format(Locale.ROOT, "%.1f %%", alert.getRate() * 100)
                            + (alert.getThreshold() == null
                                    ? ""
                                    : String.format(Locale.ROOT, " (threshold %.1f %%)", alert.getThreshold() * 100)));
        }
        field(fields, "Raised at", alert.getRaisedAt().toString());
        final List<String> samples = alert.getSampleMailIds();
        if (!samples.isEmpty()) {
            final StringBuilder text = new StringBuilder("*Sample mails*");
            samples.stream().limit(MAX_SAMPLES).forEach(id -> text.append('\n').append(link(id)));
            if (samples.size() > MAX_SAMPLES) {
                text.append("\n… and ").append(samples.size() - MAX_SAMPLES).append(" more");
            }
            section(blocks, text.toString());
        }
        return write(root);
    }

    String summary(final List<PatternCount> counts, final Instant since, final Instant until) {
        final ObjectNode root = JSON.createObjectNode();
        final String title = "New patterns seen again";
        root.put("text", title + ": " + counts.size() + " patterns between " + since + " and " + until);
        final ArrayNode blocks = root.putArray("blocks");
        header(blocks, title);
        final StringBuilder text = new StringBuilder("Between ")
                .append(since)
                .append(" and ")
                .append(until)
                .append(':');
        for (final PatternCount count : counts) {
            text.append("\n• `")
                    .append(escape(count.alertKey()))
                    .append("` ")
                    .append(escape(count.scope()))
                    .append(": ")
                    .append(count.alerts())
                    .append(count.alerts() == 1 ? " sighting" : " sightings")
                    .append(" (")
                    .append(count.total())
                    .append(" mails in total)");
        }
        section(blocks, text.toString());
        return write(root);
    }

    /** The sample as a link to its status on the status page, or as code without {@code status.url}. */
    String link(final String mailId) {
        final String id = escape(mailId);
        if (statusUrl.isEmpty()) {
            return "`" + id + "`";
        }
        final String encoded = URLEncoder.encode(mailId, StandardCharsets.UTF_8).replace("+", "%20");
        return "<" + statusUrl.get() + "/api/status/" + encoded + "|" + id + ">";
    }

    private static void header(final ArrayNode blocks, final String text) {
        final ObjectNode header = blocks.addObject().put("type", "header");
        header.putObject("text").put("type", "plain_text").put("text", clip(text, MAX_HEADER));
    }

    private static void section(final ArrayNode blocks, final String mrkdwn) {
        final ObjectNode section = blocks.addObject().put("type", "section");
        section.putObject("text").put("type", "mrkdwn").put("text", clip(mrkdwn, MAX_TEXT));
    }

    private static void field(final ArrayNode fields, final String name, final String value) {
        fields.addObject().put("type", "mrkdwn").put("text", clip("*" + name + "*\n" + value, MAX_FIELD));
    }

    /** Slack's mrkdwn escapes: {@code &}, {@code <} and {@code >}. */
    static String escape(final String text) {
        return text == null
                ? ""
                : text.replace("&", "&amp;").replace("<", "&lt;").replace(">", "&gt;");
    }

    private static String clip(final String text, final int max) {
        return text.length() <= max ? text : text.substring(0, max - 1) + "…";
    }

    private static String write(final ObjectNode root) {
        try {
            return JSON.writeValueAsString(root);
        } catch (JsonProcessingException e) {
            throw new IllegalStateException("Cannot write a chat message", e);
        }
    }
}
