package io.mailroute.topology.bouncereport.lhost;

import io.mailroute.topology.bouncereport.Failure;
import io.mailroute.topology.bouncereport.SmtpCommand;
import io.mailroute.topology.parse.MailReport;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/**
 * X3's bounce (after Sisimai's {@code Sisimai::Lhost::X3}): sender "Mail Delivery System", subject
 * "Delivery status notification", a text from "This is an automatically generated Delivery Status
 * Notification." listing the recipients as {@code * address}, then under "Technical details:" the
 * session line {@code SMTP:RCPT host ...: 553 5.3.0 ...}, {@code Routing: ...} or {@code
 * Diagnostic-Code: smtp; ...}. Each recipient takes the technical line that names it, else the last
 * one.
 */
final class X3 implements Lhost {
    private static final String GREETING = "This is an automatically generated Delivery Status Notification.";
    private static final String COPY_FOLLOWS = "Content-Type: message/rfc822";
    /** The label of the session line, which goes on with the command refused: {@code SMTP:RCPT host ...}. */
    private static final String SESSION = "SMTP:";

    private static final List<String> DETAIL_LABELS = List.of(SESSION, "Routing: ", "Diagnostic-Code: smtp; ");

    @Override
    public Optional<List<Failure>> inspect(final MailReport mail) {
        if (!mail.headers().firstOrEmpty("from").startsWith("Mail Delivery System")
                || !mail.headers().firstOrEmpty("subject").startsWith("Delivery status notification")) {
            return Optional.empty();
        }
        final List<String> recipients = new ArrayList<>();
        final List<String> details = new ArrayList<>();
        for (final String raw : ReportLines.between(
                mail.text(), l -> l.strip().startsWith(GREETING), l -> l.strip().startsWith(COPY_FOLLOWS))) {
            final String line = raw.strip();
            if (line.startsWith("* ") && line.indexOf('@') > 2) {
                recipients.add(line.substring(2).strip());
            } else {
                for (final String label : DETAIL_LABELS) {
                    if (line.startsWith(label)) {
                        details.add(line.substring(label.equals(SESSION) ? 0 : label.length()));
                        break;
                    }
                }
            }
        }
        final List<Failure> failures = new ArrayList<>(recipients.size());
        for (final String recipient : recipients) {
            final String detail = detailAbout(recipient, details);
            failures.add(new Failure(
                    recipient,
                    null,
                    detail,
                    "failed",
                    null,
                    null,
                    null,
                    null,
                    detail.startsWith(SESSION) ? SmtpCommand.sent(detail.substring(SESSION.length())) : null));
        }
        return failures.isEmpty() ? Optional.empty() : Optional.of(failures);
    }

    /** The technical line naming the recipient, else the last one, else "". */
    private static String detailAbout(final String recipient, final List<String> details) {
        for (final String detail : details) {
            if (detail.contains(recipient)) {
                return detail;
            }
        }
        return details.isEmpty() ? "" : details.get(details.size() - 1);
    }
}
