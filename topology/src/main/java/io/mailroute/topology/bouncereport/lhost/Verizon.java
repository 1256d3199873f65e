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
 * Verizon Wireless's bounces (after Sisimai's {@code Sisimai::Lhost::Verizon}), from a host whose
 * {@code Received} header names ".vtext.com (": from {@code post_master@vtext.com}, the text after
 * "Error: " with the reply ({@code 550 - Requested action not taken: no such user here}) and the
 * message details, whose {@code RCPT TO: } line names the recipient; from {@code sysadmin@...vzwpix.com},
 * "Message could not be delivered to mobile." with an {@code Error: } line and the original's
 * {@code To: } line (in the text, or in the returned headers when the text ends before them).
 * Verizon's two wordings of a recipient that does not exist are read as "userunknown".
 */
final class Verizon implements Lhost {
    private static final String VTEXT_RECIPIENT = "  RCPT TO: ";
    private static final String VZWPIX_START = "Message could not be delivered to mobile";
    private static final String ERROR = "Error: ";
    /** Verizon's two wordings of a recipient that does not exist. */
    private static final ReasonPhrases REASONS = new ReasonPhrases(List.of(Map.entry(
            "userunknown",
            List.of("550 - Requested action not taken: no such user here", "No valid recipients for this MM"))));

    @Override
    public Optional<List<Failure>> inspect(final MailReport mail) {
        if (!fromVerizon(mail)) {
            return Optional.empty();
        }
        final String from = mail.headers().firstOrEmpty("from").strip();
        final boolean vtext = "post_master@vtext.com".equals(from);
        final int sysadmin = from.indexOf("sysadmin@");
        if (!vtext && (sysadmin < 0 || from.indexOf(".vzwpix.com", sysadmin) < 0)) {
            return Optional.empty();
        }
        final List<String> recipients = new ArrayList<>();
        String diagnostic = "";
        boolean inReport = false;
        for (final String line : TextSplit.at(mail.text(), '\n')) {
            if (!inReport) {
                inReport = line.startsWith(vtext ? ERROR : VZWPIX_START);
                if (inReport && vtext) {
                    diagnostic = line.substring(ERROR.length()).strip();
                }
                continue;
            }
            if (vtext && line.startsWith(VTEXT_RECIPIENT)) {
                recipients.add(line.substring(VTEXT_RECIPIENT.length()).strip());
            } else if (vtext && line.indexOf(" - ") > 2) {
                diagnostic = line.strip();
            } else if (!vtext && line.startsWith("To: ")) {
                recipients.add(bare(line.substring(4)));
            } else if (!vtext && line.startsWith(ERROR)) {
                diagnostic = line.substring(ERROR.length()).strip();
            }
        }
        if (!vtext && recipients.isEmpty() && inReport) {
            // the reader may have taken "Original Message:" for the returned message and cut the text there
            final String to = mail.originalHeaders().firstOrEmpty("to");
            if (to.indexOf('@') > 0) {
                recipients.add(bare(to));
            }
        }
        final List<Failure> failures = new ArrayList<>(recipients.size());
        final String reason = REASONS.reasonOf(diagnostic);
        for (final String recipient : recipients) {
            failures.add(new Failure(recipient, null, diagnostic, "failed", null, null, null, reason));
        }
        return failures.isEmpty() ? Optional.empty() : Optional.of(failures);
    }

    private static boolean fromVerizon(final MailReport mail) {
        for (final String received : mail.headers().all("received")) {
            if (received.contains(".vtext.com (")) {
                return true;
            }
        }
        return false;
    }

    /** The address of {@code Name <address>} or a bare address. */
    private static String bare(final String to) {
        final int open = to.indexOf('<');
        final int close = to.indexOf('>', open + 1);
        return open >= 0 && close > open ? to.substring(open + 1, close) : to.strip();
    }
}
