package io.mailroute.topology.bouncereport;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

/**
 * Reads an Amazon SES event notification (Bounce, Complaint, Delivery) as SNS mails it: a JSON
 * body, either the notification itself or an SNS envelope whose {@code Message} holds it.
 */
final class SesNotification {
    private static final ObjectMapper JSON = new ObjectMapper();

    /**
     * @param failures  the reported recipients
     * @param kind      "dsn" for bounces and deliveries, "feedback" for complaints
     * @param messageId SES message id of the original mail, or null
     * @param source    the original mail's sender (SES mail.source), or null
     */
    record Report(List<Failure> failures, String kind, String messageId, String source) {}

    private SesNotification() {}

    /** The report the text carries, or null when it is no SES notification. */
    static Report read(final String text) {
        if (!text.contains("notificationType") && !text.contains("eventType")) {
            return null;
        }
        JsonNode node = parse(text);
        if (node == null) {
            return null;
        }
        if (node.hasNonNull("Message") && node.get("Message").isTextual()) {
            node = parse(node.get("Message").asText());
            if (node == null) {
                return null;
            }
        }
        final String type =
                node.path("notificationType").asText(node.path("eventType").asText(""));
        final String messageId = node.path("mail").path("messageId").asText(null);
        final String source = node.path("mail").path("source").asText(null);
        final List<Failure> failures = new ArrayList<>();
        switch (type) {
            case "Bounce" -> {
                final JsonNode bounce = node.path("bounce");
                final String mta = bounce.path("reportingMTA").asText(null);
                for (final JsonNode r : bounce.path("bouncedRecipients")) {
                    final String diagnostic = r.path("diagnosticCode").asText("");
                    String status = StatusCodes.status(r.path("status").asText(""));
                    if (status == null) {
                        status = StatusCodes.status(diagnostic);
                    }
                    failures.add(new Failure(
                            r.path("emailAddress").asText(),
                            status,
                            DeliveryStatusFields.afterType(diagnostic),
                            r.path("action").asText("failed").toLowerCase(Locale.ROOT),
                            mta == null ? null : DeliveryStatusFields.afterType(mta),
                            null));
                }
                return new Report(failures, "dsn", messageId, source);
            }
            case "Complaint" -> {
                final String feedbackType =
                        node.path("complaint").path("complaintFeedbackType").asText("abuse");
                for (final JsonNode r : node.path("complaint").path("complainedRecipients")) {
                    failures.add(new Failure(r.path("emailAddress").asText(), null, "", null, null, feedbackType));
                }
                return new Report(failures, "feedback", messageId, source);
            }
            case "Delivery" -> {
                final JsonNode delivery = node.path("delivery");
                final String mta = delivery.path("reportingMTA").asText(null);
                final String response = delivery.path("smtpResponse").asText("");
                for (final JsonNode r : delivery.path("recipients")) {
                    final String status = StatusCodes.status(response);
                    failures.add(new Failure(
                            r.asText(), status == null ? "2.0.0" : status, response, "delivered", mta, null));
                }
                return new Report(failures, "dsn", messageId, source);
            }
            default -> {
                return null;
            }
        }
    }

    private static JsonNode parse(final String text) {
        final int start = text.indexOf('{');
        final int end = text.lastIndexOf('}');
        if (start < 0 || end <= start) {
            return null;
        }
        final String json = text.substring(start, end + 1);
        for (final String candidate : new String[] {json, json.replace("\n ", ""), json.replace("\n", "")}) {
            try {
                return JSON.readTree(candidate);
            } catch (JsonProcessingException e) {
                // try the next unfolding
            }
        }
        return null;
    }
}
