package io.mailroute.topology.bouncereport;

import io.mailroute.topology.match.LinearMatcher;
import io.mailroute.topology.match.LinearPattern;
import io.mailroute.topology.match.TextSplit;
import io.mailroute.topology.match.Whitespace;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

/**
 * The one reader of delivery status notifications: RFC 3464 per-message (Reporting-MTA) and
 * per-recipient fields (Final-Recipient, Original-Recipient, X-Actual-Recipient, Action, Status,
 * Diagnostic-Code, Remote-MTA) wherever they appear in the report text: in a
 * message/delivery-status part, or pasted into the text of MTAs that imitate the format.
 */
public final class DeliveryStatusFields {
    private static final LinearPattern FIELD = LinearPattern.compile(
            "(?i)^(Final-Recipient|Original-Recipient|X-Actual-Recipient|Action|Status|Diagnostic-Code|Reporting-MTA|Remote-MTA)\\s*:\\s*(.*)$");

    private DeliveryStatusFields() {}

    /**
     * @param report the report text
     * @return the recipients its RFC 3464 fields name, in report order
     */
    public static List<Failure> read(final String report) {
        final List<Failure> failures = new ArrayList<>();
        String reportingMta = null;
        Builder current = null;
        String lastField = null;
        for (final String line : TextSplit.at(report, '\n')) {
            if (!line.isEmpty()
                    && (line.charAt(0) == ' ' || line.charAt(0) == '\t')
                    && current != null
                    && "diagnostic-code".equals(lastField)) {
                current.diagnostic = current.diagnostic + " " + line.strip();
                continue;
            }
            if (line.isBlank() && current != null && (current.recipient != null || current.original != null)) {
                current = add(failures, current, reportingMta);
                lastField = null;
                continue;
            }
            final LinearMatcher m = FIELD.matcher(line);
            if (!m.matches()) {
                lastField = null;
                continue;
            }
            final String field = m.group(1).toLowerCase(Locale.ROOT);
            final String value = m.group(2).strip();
            lastField = field;
            switch (field) {
                case "reporting-mta" -> reportingMta = afterType(value);
                case "original-recipient" -> {
                    if (current == null || current.original != null) {
                        current = add(failures, current, reportingMta);
                    }
                    current.original = address(afterType(value));
                }
                case "final-recipient" -> {
                    if (current == null || current.recipient != null) {
                        current = add(failures, current, reportingMta);
                    }
                    current.recipient = address(afterType(value));
                }
                // Per-recipient fields may come before the recipient's own field (Facebook writes them so).
                case "action" -> {
                    current = current == null ? new Builder() : current;
                    current.action = Whitespace.upTo(value.toLowerCase(Locale.ROOT), "(");
                }
                case "status" -> {
                    current = current == null ? new Builder() : current;
                    current.status = value;
                    current.statusComment = comment(value);
                }
                case "diagnostic-code" -> {
                    current = current == null ? new Builder() : current;
                    current.diagnostic = afterType(value);
                }
                case "remote-mta" -> {
                    current = current == null ? new Builder() : current;
                    current.remoteMta = Whitespace.upTo(afterType(value), "([").toLowerCase(Locale.ROOT);
                }
                default -> {}
            }
        }
        add(failures, current, reportingMta);
        return failures;
    }

    private static Builder add(final List<Failure> failures, final Builder done, final String reportingMta) {
        if (done != null) {
            final String recipient = done.recipient != null ? done.recipient : done.original;
            if (recipient != null && !recipient.isEmpty() && recipient.indexOf('@') > 0) {
                // Sisimai reads a comment after the status code ("5.2.1 (mailbox disabled)") as part of the
                // diagnostic; a recipient without a Diagnostic-Code keeps it empty so the report text is read.
                final String diagnostic = done.statusComment.isEmpty() || done.diagnostic.isBlank()
                        ? done.diagnostic
                        : (done.diagnostic + " " + done.statusComment).strip();
                failures.add(new Failure(
                        recipient,
                        StatusCodes.status(done.status),
                        diagnostic,
                        done.action,
                        reportingMta,
                        null,
                        done.remoteMta == null || done.remoteMta.isEmpty() ? null : done.remoteMta));
            }
        }
        return new Builder();
    }

    /** The parenthesized comment after a Status code, without its parentheses, or "". */
    private static String comment(final String status) {
        final int open = status.indexOf('(');
        final int close = status.lastIndexOf(')');
        return open >= 0 && close > open ? status.substring(open + 1, close).strip() : "";
    }

    /** The value after an RFC 3464 type prefix such as {@code rfc822;} or {@code smtp;}. */
    public static String afterType(final String value) {
        final int semicolon = value.indexOf(';');
        return (semicolon < 0 ? value : value.substring(semicolon + 1)).strip();
    }

    /** The address inside angle brackets when present, else the value without surrounding quotes. */
    public static String address(final String value) {
        final int lt = value.indexOf('<');
        final int gt = value.indexOf('>', lt + 1);
        String a = lt >= 0 && gt > lt ? value.substring(lt + 1, gt) : Whitespace.upTo(value, "");
        a = a.strip();
        if (a.length() > 1 && a.startsWith("'") && a.endsWith("'")) {
            a = a.substring(1, a.length() - 1);
        }
        return a;
    }

    private static final class Builder {
        private String recipient;
        private String original;
        private String action;
        private String status;
        private String diagnostic = "";
        private String statusComment = "";
        private String remoteMta;
    }
}
