package io.mailroute.connectors.helpdesk;

import com.fasterxml.jackson.databind.JsonNode;
import io.mailroute.avro.ClassifiedMail;
import io.mailroute.avro.TicketAction;
import io.mailroute.connectors.http.HttpPoster;
import io.mailroute.connectors.http.HttpPoster.Failure;
import java.net.URI;
import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Optional;
import java.util.stream.Collectors;

/**
 * Backlog API v2: an issue carries the ticket key as the {@code [<ticketKey>]} prefix of its summary
 * and is found by {@code GET /api/v2/issues?projectId[]=&keyword=}; created by
 * {@code POST /api/v2/issues}, commented by {@code POST /api/v2/issues/{key}/comments}, closed by
 * {@code PATCH /api/v2/issues/{key}} with {@code statusId} and a comment. Form-encoded bodies;
 * the API key travels as the {@code apiKey} query parameter.
 */
final class BacklogHelpdesk implements Helpdesk {
    private static final String FORM = "application/x-www-form-urlencoded";
    private static final Map<String, String> HEADERS = Map.of("Accept", "application/json");

    private final URI base;
    private final String apiKey;
    private final HelpdeskSinkConfig config;
    private final HttpPoster http;

    BacklogHelpdesk(final HelpdeskSinkConfig config, final HttpPoster http) {
        this.base = config.url();
        this.apiKey = config.token();
        this.config = config;
        this.http = http;
    }

    @Override
    public Applied apply(final ClassifiedMail mail) throws Failure {
        final String key = Helpdesk.key(mail);
        final TicketAction action = Helpdesk.action(mail);
        final Optional<String> found = find(key);
        if (found.isEmpty()) {
            if (action == TicketAction.CLOSE) {
                return new Applied("no issue [" + key + "] to close", base.toString());
            }
            return applied("created", create(mail, key));
        }
        final String issue = found.get();
        if (action == TicketAction.CLOSE) {
            final Map<String, String> form = new LinkedHashMap<>();
            form.put("statusId", Integer.toString(config.closedStatusId()));
            form.put("comment", Helpdesk.comment(mail));
            http.send("PATCH", api("/api/v2/issues/" + path(issue), ""), FORM, form(form), HEADERS);
            return applied("closed", issue);
        }
        http.send(
                "POST",
                api("/api/v2/issues/" + path(issue) + "/comments", ""),
                FORM,
                form(Map.of("content", Helpdesk.comment(mail))),
                HEADERS);
        return applied("commented on", issue);
    }

    private Applied applied(final String what, final String issueKey) {
        return Applied.to(
                what,
                "issue " + issueKey,
                base.resolve("/view/" + path(issueKey)).toString());
    }

    /** The summary prefix that names the ticket key. */
    static String prefix(final String key) {
        return "[" + key + "]";
    }

    private Optional<String> find(final String key) throws Failure {
        final URI url = api(
                "/api/v2/issues", "&projectId%5B%5D=" + config.projectId() + "&keyword=" + encode(key) + "&count=100");
        final JsonNode issues = ZendeskHelpdesk.read(http.send("GET", url, null, null, HEADERS));
        for (final JsonNode issue : issues) {
            if (issue.path("summary").asText("").startsWith(prefix(key))) {
                return Optional.of(
                        issue.hasNonNull("issueKey")
                                ? issue.get("issueKey").asText()
                                : issue.path("id").asText());
            }
        }
        return Optional.empty();
    }

    private String create(final ClassifiedMail mail, final String key) throws Failure {
        final Map<String, String> form = new LinkedHashMap<>();
        form.put("projectId", Long.toString(config.projectId()));
        form.put("summary", prefix(key) + " " + Helpdesk.subject(mail));
        form.put("issueTypeId", Long.toString(config.issueTypeId()));
        form.put("priorityId", Integer.toString(priority(mail)));
        form.put("description", Helpdesk.comment(mail));
        final JsonNode created =
                ZendeskHelpdesk.read(http.send("POST", api("/api/v2/issues", ""), FORM, form(form), HEADERS));
        final String issueKey = created.hasNonNull("issueKey")
                ? created.get("issueKey").asText()
                : created.path("id").asText("");
        if (issueKey.isEmpty()) {
            throw new Failure(Failure.Kind.PERMANENT, "Backlog answered a create without an issue key", null, null);
        }
        return issueKey;
    }

    /** URGENT and HIGH → the high id, MEDIUM → normal, LOW and INFO → low. */
    int priority(final ClassifiedMail mail) {
        return switch (mail.getSeverity()) {
            case URGENT, HIGH -> config.priorityHighId();
            case MEDIUM -> config.priorityNormalId();
            case LOW, INFO -> config.priorityLowId();
        };
    }

    private URI api(final String path, final String query) {
        return base.resolve(path + "?apiKey=" + encode(apiKey) + query);
    }

    private static String path(final String segment) {
        return encode(segment).replace("+", "%20");
    }

    private static String encode(final String value) {
        return URLEncoder.encode(value, StandardCharsets.UTF_8);
    }

    private static String form(final Map<String, String> fields) {
        return fields.entrySet().stream()
                .map(e -> encode(e.getKey()) + "=" + encode(e.getValue()))
                .collect(Collectors.joining("&"));
    }
}
