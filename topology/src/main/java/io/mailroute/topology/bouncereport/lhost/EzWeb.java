package io.mailroute.topology.bouncereport.lhost;

import io.mailroute.topology.bouncereport.Failure;
import io.mailroute.topology.bouncereport.ReasonPhrases;
import io.mailroute.topology.bouncereport.SmtpCommand;
import io.mailroute.topology.match.TextSplit;
import io.mailroute.topology.parse.MailReport;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * au's (formerly EZweb, {@code ezweb.ne.jp}) bounce (after Sisimai's {@code Sisimai::Lhost::EZweb}):
 * at least two of sender {@code Postmaster@ezweb.ne.jp} or {@code Postmaster@au.com}, subject "Mail
 * System Error - Returned Mail", a {@code Received} of EZweb Mail or {@code .au.com}, a {@code
 * Message-ID} of {@code .ezweb.ne.jp} or {@code .au.com}; then the account's state ("The user(s)
 * account is disabled.") and each recipient as {@code <address>: 550 ...} or {@code Recipient:
 * <address>} followed by the session ({@code >>> RCPT TO:<address>}, {@code <<< 550 ...}). A
 * recipient refused at RCPT is one that does not exist, as Sisimai reads it. A report with RFC 3464
 * fields, or with Sendmail's transcript of session, is left to the readers of those.
 */
final class EzWeb implements Lhost {
    private static final List<String> REPORT_STARTS = List.of("The user(s) ", "Your message ", "Each of the following");
    private static final List<String> REPORT_ENDS =
            List.of("--------------------------------------------------", "Content-Type: message/rfc822");
    private static final String RECIPIENT = "Recipient: <";
    /** The Sendmail transcript au's older gateway writes, which is left to the Sendmail and plain-text readers. */
    private static final String SENDMAIL_TRANSCRIPT = "----- Transcript of session follows -----";
    /** au's wording of the account's state (Sisimai's {@code $refailures}). */
    private static final ReasonPhrases REASONS = new ReasonPhrases(List.of(
            Map.entry("mailboxfull", List.of("The user(s) account is temporarily over quota")),
            Map.entry(
                    "suspend",
                    List.of("The user(s) account is disabled.", "The user(s) account is temporarily limited.")),
            Map.entry("expired", List.of("Your message was not delivered within ")),
            Map.entry("onhold", List.of("Each of the following recipients was rejected by a remote mail server"))));

    /** One recipient as the report goes. */
    private static final class Read {
        private String recipient;
        private final StringBuilder diagnostic = new StringBuilder();
        private final StringBuilder otherLines = new StringBuilder();
        private String command;
    }

    @Override
    public Optional<List<Failure>> inspect(final MailReport mail) {
        final String text = mail.text();
        if (marks(mail) < 2
                || text.contains("Final-Recipient")
                || text.contains("final-recipient")
                || text.contains(SENDMAIL_TRANSCRIPT)) {
            return Optional.empty();
        }
        final List<Read> reads = new ArrayList<>();
        reads.add(new Read());
        boolean inReport = false;
        for (final String line : TextSplit.at(text, '\n')) {
            if (!inReport) {
                inReport = line.startsWith("<") || REPORT_STARTS.stream().anyMatch(line::contains);
            }
            if (!inReport || line.isBlank()) {
                continue;
            }
            if (REPORT_ENDS.stream().anyMatch(line::startsWith)) {
                break;
            }
            Read read = reads.get(reads.size() - 1);
            final int open = line.indexOf('<');
            final int at = line.indexOf('@', open + 1);
            final int close = line.indexOf('>', at + 1);
            if (open >= 0
                    && at > open + 1
                    && close > at
                    && ((open == 0 && !line.startsWith("<<")) || line.indexOf(RECIPIENT) > 1)) {
                if (read.recipient != null) {
                    read = new Read();
                    reads.add(read);
                }
                read.recipient = line.substring(open + 1, close);
            } else if (line.contains(" >>> ")) {
                read.command = SmtpCommand.sent(line.substring(line.indexOf(" >>> ") + 5));
            } else if (REASONS.reasonOf(line) != null) {
                read.diagnostic.append(' ').append(line.strip());
            } else {
                read.otherLines.append(' ').append(line.strip());
            }
        }
        final boolean filtered =
                "NG".equals(mail.headers().firstOrEmpty("x-spasign").strip());
        final List<Failure> failures = new ArrayList<>(reads.size());
        for (final Read read : reads) {
            if (read.recipient == null) {
                continue;
            }
            final String diagnostic = (read.diagnostic.length() > 0 ? read.diagnostic : read.otherLines)
                    .toString()
                    .strip();
            failures.add(new Failure(
                    read.recipient,
                    null,
                    diagnostic,
                    "failed",
                    null,
                    null,
                    null,
                    reasonOf(read, diagnostic, filtered),
                    read.command));
        }
        return failures.isEmpty() ? Optional.empty() : Optional.of(failures);
    }

    private static String reasonOf(final Read read, final String diagnostic, final boolean filtered) {
        if (filtered) {
            return "filtered";
        }
        if ("RCPT".equals(read.command)) {
            return "userunknown";
        }
        final String reason = REASONS.reasonOf(diagnostic);
        if (reason != null) {
            return reason;
        }
        return read.recipient.endsWith("@ezweb.ne.jp") || read.recipient.endsWith("@au.com") ? null : "userunknown";
    }

    private static int marks(final MailReport mail) {
        final String from = mail.headers().firstOrEmpty("from");
        int marks = from.contains("Postmaster@ezweb.ne.jp") || from.contains("Postmaster@au.com") ? 1 : 0;
        marks += "Mail System Error - Returned Mail"
                        .equals(mail.headers().firstOrEmpty("subject").strip())
                ? 1
                : 0;
        for (final String received : mail.headers().all("received")) {
            if (received.contains("ezweb.ne.jp (EZweb Mail) with") || received.contains(".au.com (")) {
                marks++;
                break;
            }
        }
        final String messageId = mail.headers().firstOrEmpty("message-id").strip();
        return messageId.endsWith(".ezweb.ne.jp>") || messageId.endsWith(".au.com>") ? marks + 1 : marks;
    }
}
