package io.mailroute.topology.bouncereport.lhost;

import io.mailroute.topology.bouncereport.Failure;
import io.mailroute.topology.bouncereport.ReasonPhrases;
import io.mailroute.topology.match.TextSplit;
import io.mailroute.topology.parse.MailReport;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * Microsoft 365's (formerly Office 365) bounce in plain text (after Sisimai's {@code
 * Sisimai::Lhost::Office365}): at least two of its marks (subject "Undeliverable:", the {@code
 * X-MS-Exchange-*} and {@code X-Microsoft-Antispam-PRVS} headers, a {@code Received} or {@code
 * Message-ID} of {@code .outbound.protection.outlook.com} or {@code .prod.outlook.com}), a text
 * with "Your message to ... couldn't be delivered" or "Delivery has failed to these recipients or
 * groups:", then each recipient as {@code address<mailto:address>}, "Your message to address
 * couldn't be delivered." or "Recipient Address: address", followed by what Exchange Online says
 * about it ({@code Remote Server returned '550 5.1.10 RESOLVER.ADR.RecipientNotFound; ...'}). A
 * report with RFC 3464 fields is left to the generic reader of those fields.
 */
final class Office365 implements Lhost {
    private static final List<String> OUTLOOK_HOSTS = List.of(".outbound.protection.outlook.com", ".prod.outlook.com");
    private static final List<String> MARK_HEADERS = List.of(
            "x-ms-exchange-message-is-ndr",
            "x-microsoft-antispam-prvs",
            "x-exchange-antispam-report-test",
            "x-ms-exchange-crosstenant-originalarrivaltime",
            "x-ms-exchange-crosstenant-fromentityheader",
            "x-ms-exchange-transport-crosstenantheadersstamped");
    private static final List<String> REPORT_STARTS = List.of(
            "Delivery has failed to these recipients or groups:", " couldn't be delivered", "Original Message Details");
    private static final List<String> REPORT_ENDS = List.of(
            "Original message headers:",
            "Original Message Headers:",
            "Message Hops",
            "Content-Type: message/rfc822",
            "Content-Type: text/rfc822-headers");
    private static final String MAILTO = "<mailto:";
    private static final String RECIPIENT_ADDRESS = "Recipient Address:";
    private static final String YOUR_MESSAGE_TO = "Your message to ";
    private static final String COULD_NOT_BE_DELIVERED = " couldn't be delivered";
    /** The longest diagnostic kept per recipient, in characters. */
    private static final int MAX_DIAGNOSTIC = 2000;
    /** Exchange Online's enhanced codes as Sisimai reads them (its {@code $statuslist}). */
    private static final ReasonPhrases REASONS = new ReasonPhrases(List.of(
            Map.entry("userunknown", List.of("RecipientNotFound", " 5.1.10 ")),
            Map.entry("norelaying", List.of(" 5.4.1 ")),
            Map.entry("expired", List.of(" 4.4.7 ", " 5.4.316 ", " 4.4.316 ")),
            Map.entry("contenterror", List.of(" 5.0.350 ", " 5.6.11 ")),
            Map.entry("securityerror", List.of(" 5.7.57 ")),
            Map.entry("ratelimited", List.of(" 5.7.508 ")),
            Map.entry("spamdetected", List.of(" 5.7.501 ", " 5.7.502 ", " 5.7.503 "))));

    @Override
    public Optional<List<Failure>> inspect(final MailReport mail) {
        final String text = mail.text();
        if (marks(mail) < 2 || text.contains("Final-Recipient") || text.contains("final-recipient")) {
            return Optional.empty();
        }
        final List<String> recipients = new ArrayList<>();
        final List<StringBuilder> diagnostics = new ArrayList<>();
        String generatingServer = null;
        boolean inReport = false;
        int current = -1;
        for (final String raw : TextSplit.at(text, '\n')) {
            final String line = raw.strip();
            if (!inReport) {
                inReport = REPORT_STARTS.stream().anyMatch(line::contains);
                if (!inReport) {
                    continue;
                }
            }
            if (REPORT_ENDS.stream().anyMatch(line::startsWith)) {
                break;
            }
            if (line.startsWith("Generating server:")) {
                generatingServer = line.substring(line.indexOf(':') + 1).strip();
                continue;
            }
            final String address = recipientOf(line);
            if (address != null) {
                if (!recipients.contains(address)) {
                    recipients.add(address);
                    diagnostics.add(new StringBuilder());
                }
                current = recipients.indexOf(address);
                continue;
            }
            if (recipients.contains(line)) {
                // the recipient again, bare, among the diagnostic information for administrators
                current = recipients.indexOf(line);
                continue;
            }
            if (current >= 0 && !line.isEmpty()) {
                final StringBuilder diagnostic = diagnostics.get(current);
                if (diagnostic.length() < MAX_DIAGNOSTIC) {
                    diagnostic.append(diagnostic.length() == 0 ? "" : " ").append(line);
                }
            }
        }
        final List<Failure> failures = new ArrayList<>(recipients.size());
        for (int i = 0; i < recipients.size(); i++) {
            final String diagnostic = diagnostics.get(i).toString();
            failures.add(new Failure(
                    recipients.get(i),
                    null,
                    diagnostic,
                    "failed",
                    generatingServer,
                    null,
                    null,
                    REASONS.reasonOf(" " + diagnostic + " ")));
        }
        return failures.isEmpty() ? Optional.empty() : Optional.of(failures);
    }

    private static int marks(final MailReport mail) {
        int marks = mail.headers().firstOrEmpty("subject").contains("Undeliverable:") ? 1 : 0;
        for (final String header : MARK_HEADERS) {
            marks += mail.headers().firstOrEmpty(header).isEmpty() ? 0 : 1;
        }
        if (mail.headers().all("received").stream().anyMatch(Office365::isOutlookHost)) {
            marks++;
        }
        return isOutlookHost(mail.headers().firstOrEmpty("message-id")) ? marks + 1 : marks;
    }

    private static boolean isOutlookHost(final String value) {
        return OUTLOOK_HOSTS.stream().anyMatch(host -> value.indexOf(host) > 0);
    }

    /** The recipient a line names the way Exchange Online does, else null. */
    private static String recipientOf(final String line) {
        final int mailto = line.indexOf(MAILTO);
        String address = null;
        if (mailto > 1) {
            address = line.substring(0, mailto).strip();
        } else if (line.startsWith(RECIPIENT_ADDRESS)) {
            address = line.substring(RECIPIENT_ADDRESS.length()).strip();
        } else if (line.startsWith(YOUR_MESSAGE_TO)
                && line.indexOf(COULD_NOT_BE_DELIVERED) > YOUR_MESSAGE_TO.length()) {
            address = line.substring(YOUR_MESSAGE_TO.length(), line.indexOf(COULD_NOT_BE_DELIVERED))
                    .strip();
        }
        if (address == null || address.indexOf('@') < 1 || address.indexOf(' ') >= 0) {
            return null;
        }
        return address;
    }
}
