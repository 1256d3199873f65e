package io.mailroute.topology.parse;

import io.mailroute.avro.Bounce;
import io.mailroute.topology.match.LinearMatcher;
import io.mailroute.topology.match.LinearPattern;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Optional;

/**
 * Reads the {@code message/delivery-status} part of a DSN (RFC 3464): the per-message block
 * (Reporting-MTA) and one block per recipient (Final-Recipient, Action, Status, Diagnostic-Code).
 * The reason is a first guess from the status code only; the bounce classifier refines it.
 */
final class DeliveryStatus {
    private static final LinearPattern REPLY_CODE = LinearPattern.compile("\\b([245]\\d\\d)\\b");
    private static final LinearPattern STATUS = LinearPattern.compile("\\b([245]\\.\\d{1,3}\\.\\d{1,3})\\b");

    private DeliveryStatus() {}

    /** The recipients reported in {@code content}, the decoded delivery-status part. */
    static List<Bounce> parse(final byte[] content, final String originalMessageId) {
        final HeaderScanner scanner = new HeaderScanner(ParserSettings.LENIENT);
        final List<Bounce> bounces = new ArrayList<>(1);
        String reportingMta = null;
        int pos = 0;
        boolean first = true;
        while (pos < content.length) {
            final HeaderBlock block;
            try {
                block = scanner.scan(content, pos, content.length);
            } catch (MailParseException e) {
                break;
            }
            if (block.bodyOffset() <= pos) {
                break;
            }
            pos = block.bodyOffset();
            if (first) {
                first = false;
                reportingMta = block.first("Reporting-MTA").map(DeliveryStatus::afterType).orElse(null);
                if (block.first("Final-Recipient").isEmpty()) {
                    continue;
                }
            }
            recipient(block, reportingMta, originalMessageId).ifPresent(bounces::add);
        }
        return bounces;
    }

    private static Optional<Bounce> recipient(final HeaderBlock block, final String reportingMta, final String originalMessageId) {
        final Optional<String> recipient = block.first("Final-Recipient").or(() -> block.first("Original-Recipient"))
                .map(DeliveryStatus::afterType);
        if (recipient.isEmpty() || recipient.get().isEmpty()) {
            return Optional.empty();
        }
        final String action = block.first("Action").map(a -> a.strip().toLowerCase(Locale.ROOT)).orElse(null);
        final String diagnostic = block.first("Diagnostic-Code").map(DeliveryStatus::afterType).orElse(null);
        final String status = block.first("Status").map(s -> firstMatch(STATUS, s)).orElseGet(() -> firstMatch(STATUS, diagnostic));
        final String replyCode = firstMatch(REPLY_CODE, diagnostic);
        final String reason = reason(status);
        final boolean hard = "failed".equals(action) && status != null && status.startsWith("5")
                && !"mailboxfull".equals(reason);
        return Optional.of(Bounce.newBuilder().setRecipient(recipient.get()).setReason(reason).setStatus(status)
                .setReplyCode(replyCode).setHardBounce(hard).setDiagnostic(diagnostic).setAction(action)
                .setReportingMta(reportingMta).setOriginalMessageId(originalMessageId).setKind("dsn").build());
    }

    /** A first guess at the Sisimai reason from the enhanced status code alone. */
    private static String reason(final String status) {
        if (status == null) {
            return "undefined";
        }
        return switch (status.substring(2)) {
            case "1.1", "1.0" -> "userunknown";
            case "1.2" -> "hostunknown";
            case "2.2" -> "mailboxfull";
            case "2.1" -> "suspend";
            case "3.4", "2.3" -> "mesgtoobig";
            case "4.7" -> "expired";
            default -> "undefined";
        };
    }

    /** The value after an RFC 3464 type prefix such as {@code rfc822;} or {@code smtp;}. */
    private static String afterType(final String value) {
        final int semicolon = value.indexOf(';');
        return (semicolon < 0 ? value : value.substring(semicolon + 1)).strip();
    }

    private static String firstMatch(final LinearPattern pattern, final String text) {
        if (text == null) {
            return null;
        }
        final LinearMatcher m = pattern.matcher(text);
        return m.find() ? m.group(1) : null;
    }
}
