package io.mailroute.topology.bouncereport.lhost;

import io.mailroute.topology.bouncereport.Failure;
import io.mailroute.topology.bouncereport.SmtpCommand;
import io.mailroute.topology.parse.MailReport;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Optional;

/**
 * Postfix's bounce without a {@code message/delivery-status} part (after Sisimai's {@code
 * Sisimai::Lhost::Postfix}, whose bounce(5) templates it reads): subject "Undelivered Mail Returned
 * to Sender", a text that starts "This is the mail system at host ..." (or "The Postfix program",
 * "The mail system"), then per recipient a line {@code <address>: what happened}, or {@code
 * <address> (expanded from <alias>): what happened}, continued on lines indented by four blanks.
 * A report with RFC 3464 fields is left to the generic reader of those fields.
 */
final class Postfix implements Lhost {
    private static final String SUBJECT = "Undelivered Mail Returned to Sender";
    private static final String CONTINUATION = "    ";
    private static final String EXPANDED_FROM = "(expanded from <";
    private static final String REPORT_UNAVAILABLE = "--- Delivery report unavailable ---";

    @Override
    public Optional<List<Failure>> inspect(final MailReport mail) {
        if (!SUBJECT.equals(mail.headers().firstOrEmpty("subject").strip())
                || !mail.headers().firstOrEmpty("x-aol-ip").isEmpty()
                || mail.text().contains("Final-Recipient:")) {
            return Optional.empty();
        }
        final List<Failure> failures = new ArrayList<>();
        boolean unavailable = false;
        String recipient = null;
        StringBuilder diagnostic = new StringBuilder();
        for (final String line : ReportLines.between(
                mail.text(),
                Postfix::isGreeting,
                l -> l.startsWith("Content-Type: message/rfc822")
                        || l.startsWith("Content-Type: text/rfc822-headers"))) {
            final int colon = recipientEnd(line);
            if (colon > 0) {
                add(failures, recipient, diagnostic);
                recipient = line.substring(1, line.indexOf('>'));
                diagnostic = new StringBuilder(line.substring(colon + 1).strip());
            } else if (recipient != null && line.startsWith(CONTINUATION)) {
                diagnostic.append(' ').append(line.strip());
            } else {
                add(failures, recipient, diagnostic);
                recipient = null;
                unavailable |= line.contains(REPORT_UNAVAILABLE);
            }
        }
        add(failures, recipient, diagnostic);
        if (failures.isEmpty() && unavailable) {
            final String to = originalRecipient(mail.originalHeaders().firstOrEmpty("to"));
            if (to != null) {
                failures.add(new Failure(to, null, REPORT_UNAVAILABLE, "failed", null, null));
            }
        }
        return failures.isEmpty() ? Optional.empty() : Optional.of(failures);
    }

    /** The first lines bounce(5)'s templates write: "The Postfix program", "This is the mail system". */
    private static boolean isGreeting(final String line) {
        final String start = line.strip();
        return (start.startsWith("The ")
                        && (start.contains("Postfix ") || start.contains("mail system") || start.contains("program")))
                || (start.startsWith("This is the") && (start.contains("Postfix") || start.contains("mail system")));
    }

    /**
     * Where the colon ending the recipient of {@code <address>:} or {@code <address> (expanded from
     * <alias>):} is, else -1.
     */
    private static int recipientEnd(final String line) {
        if (!line.startsWith("<")) {
            return -1;
        }
        final int close = line.indexOf('>');
        final int at = line.indexOf('@');
        if (at < 1 || close < at) {
            return -1;
        }
        if (line.startsWith(":", close + 1)) {
            return close + 1;
        }
        if (line.startsWith(" " + EXPANDED_FROM, close + 1)) {
            final int aliasEnd = line.indexOf(">):", close + 1 + EXPANDED_FROM.length());
            return aliasEnd < 0 ? -1 : aliasEnd + 2;
        }
        return -1;
    }

    /** The address of an original {@code To:} field, in angle brackets or bare, else null. */
    private static String originalRecipient(final String to) {
        final int open = to.indexOf('<');
        final int close = to.indexOf('>', open + 1);
        final String address = open >= 0 && close > open ? to.substring(open + 1, close) : to.strip();
        return address.indexOf('@') > 0 && address.indexOf(' ') < 0 ? address : null;
    }

    private static void add(final List<Failure> failures, final String recipient, final StringBuilder diagnostic) {
        if (recipient != null) {
            final String text = diagnostic.toString();
            failures.add(new Failure(
                    recipient,
                    null,
                    text,
                    "failed",
                    null,
                    null,
                    null,
                    null,
                    SmtpCommand.in(text.toLowerCase(Locale.ROOT))));
        }
    }
}
