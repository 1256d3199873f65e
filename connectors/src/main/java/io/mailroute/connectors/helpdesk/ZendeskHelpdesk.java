package io.mailroute.connectors.helpdesk;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.mailroute.avro.ClassifiedMail;
import io.mailroute.avro.Severity;
import io.mailroute.avro.TicketAction;
import io.mailroute.connectors.http.HttpPoster;
import io.mailroute.connectors.http.HttpPoster.Failure;
import java.net.URI;
import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.util.Base64;
import java.util.Map;
import java.util.Optional;

/**
 * Zendesk API v2: tickets carry the ticket key as {@code external_id} and are found by
 * {@code GET /api/v2/tickets.json?external_id=}; created by {@code POST /api/v2/tickets.json},
 * commented and solved by {@code PUT /api/v2/tickets/{id}.json}. Authenticated as
 * {@code Basic <email>/token:<token>}.
 */
final class ZendeskHelpdesk implements Helpdesk {
    private static final ObjectMapper JSON = new ObjectMapper();
    private static final String JSON_TYPE = "application/json; charset=utf-8";

    private final URI base;
    private final HttpPoster http;
    private final Map<String, String> headers;

    ZendeskHelpdesk(final URI base, final String email, final String token, final HttpPoster http) {
        this.base = base;
        this.http = http;
        this.headers = Map.of(
                "Authorization",
                "Basic "
                        + Base64.getEncoder()
                                .encodeToString((email + "/token:" + token).getBytes(StandardCharsets.UTF_8)),
                "Accept",
                "application/json");
    }

    @Override
    public Applied apply(final ClassifiedMail mail) throws Failure {
        final String key = Helpdesk.key(mail);
        final TicketAction action = Helpdesk.action(mail);
        final Optional<Long> found = find(key);
        if (found.isEmpty()) {
            if (action == TicketAction.CLOSE) {
                return new Applied("no ticket with external_id " + key + " to close", base.toString());
            }
            return applied("created", create(mail, key));
        }
        final long id = found.get();
        final ObjectNode ticket = JSON.createObjectNode();
        ticket.putObject("comment").put("body", Helpdesk.comment(mail));
        if (action == TicketAction.CLOSE) {
            ticket.put("status", "solved");
        }
        final ObjectNode body = JSON.createObjectNode();
        body.set("ticket", ticket);
        http.send("PUT", base.resolve("/api/v2/tickets/" + id + ".json"), JSON_TYPE, write(body), headers);
        return applied(action == TicketAction.CLOSE ? "solved" : "commented on", id);
    }

    private Applied applied(final String what, final long id) {
        return Applied.to(
                what, "ticket " + id, base.resolve("/agent/tickets/" + id).toString());
    }

    private Optional<Long> find(final String key) throws Failure {
        final URI url =
                base.resolve("/api/v2/tickets.json?external_id=" + URLEncoder.encode(key, StandardCharsets.UTF_8));
        final JsonNode tickets =
                read(http.send("GET", url, null, null, headers)).path("tickets");
        for (final JsonNode ticket : tickets) {
            if (key.equals(ticket.path("external_id").asText(null)) && ticket.hasNonNull("id")) {
                return Optional.of(ticket.get("id").asLong());
            }
        }
        return Optional.empty();
    }

    private long create(final ClassifiedMail mail, final String key) throws Failure {
        final ObjectNode body = JSON.createObjectNode();
        final ObjectNode ticket = body.putObject("ticket");
        ticket.put("external_id", key);
        ticket.put("subject", Helpdesk.subject(mail));
        ticket.put("priority", priority(mail.getSeverity()));
        ticket.putObject("comment").put("body", Helpdesk.comment(mail));
        final JsonNode created = read(http.send(
                        "POST", base.resolve("/api/v2/tickets.json"), JSON_TYPE, write(body), headers))
                .path("ticket")
                .path("id");
        if (!created.canConvertToLong()) {
            throw new Failure(Failure.Kind.PERMANENT, "Zendesk answered a create without a ticket id", null, null);
        }
        return created.asLong();
    }

    /** URGENT → urgent, HIGH → high, MEDIUM → normal, LOW and INFO → low. */
    static String priority(final Severity severity) {
        return switch (severity) {
            case URGENT -> "urgent";
            case HIGH -> "high";
            case MEDIUM -> "normal";
            case LOW, INFO -> "low";
        };
    }

    static JsonNode read(final HttpPoster.Accepted accepted) throws Failure {
        try {
            return JSON.readTree(accepted.body() == null ? "" : accepted.body());
        } catch (JsonProcessingException e) {
            throw new Failure(
                    Failure.Kind.PERMANENT, "HTTP " + accepted.status() + " with an unreadable body", null, e);
        }
    }

    private static String write(final JsonNode node) {
        try {
            return JSON.writeValueAsString(node);
        } catch (JsonProcessingException e) {
            throw new IllegalStateException("Cannot write a ticket", e);
        }
    }
}
