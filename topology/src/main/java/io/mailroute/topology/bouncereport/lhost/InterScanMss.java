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
 * Trend Micro InterScan Messaging Security Suite's bounce (after Sisimai's {@code
 * Sisimai::Lhost::InterScanMSS}): sender {@code "InterScan MSS"} or {@code "InterScan
 * Notification"}, or subject "Mail could not be delivered" (or its Japanese wording), then the
 * session it held: {@code Sent <<< RCPT TO:<address>} and {@code Received >>> 550 5.1.1 ...}, or
 * {@code Unable to deliver message to <address>}, which Sisimai reads as a recipient that does not
 * exist.
 */
final class InterScanMss implements Lhost {
    private static final List<String> SUBJECTS =
            List.of("Mail could not be delivered", "メッセージを配信できません。", "メール配信に失敗しました");
    private static final String SENT = " <<< ";
    private static final String RECEIVED = " >>> ";
    private static final String UNABLE_TO_DELIVER = "Unable to deliver ";
    private static final ReasonPhrases REASONS =
            new ReasonPhrases(List.of(Map.entry("userunknown", List.of("Unable to deliver"))));

    @Override
    public Optional<List<Failure>> inspect(final MailReport mail) {
        final String from = mail.headers().firstOrEmpty("from").strip();
        if (!from.startsWith("\"InterScan MSS\"")
                && !from.startsWith("\"InterScan Notification\"")
                && !SUBJECTS.contains(mail.headers().firstOrEmpty("subject").strip())) {
            return Optional.empty();
        }
        final List<String> recipients = new ArrayList<>();
        final List<String> diagnostics = new ArrayList<>();
        final List<String> commands = new ArrayList<>();
        for (final String line : TextSplit.at(mail.text(), '\n')) {
            final int open = line.lastIndexOf('<');
            final int close = line.lastIndexOf('>');
            final boolean session = line.indexOf(SENT) > 1 || line.indexOf(RECEIVED) > 1;
            if (line.indexOf('@') > 1
                    && line.indexOf(" <") > 1
                    && close > open
                    && (session || line.contains(UNABLE_TO_DELIVER))) {
                final String address = line.substring(open + 1, close);
                if (recipients.isEmpty()
                        || !recipients.get(recipients.size() - 1).equals(address)) {
                    recipients.add(address);
                    diagnostics.add("");
                    commands.add(null);
                }
                if (line.contains(UNABLE_TO_DELIVER)) {
                    diagnostics.set(diagnostics.size() - 1, line.strip());
                }
            }
            if (recipients.isEmpty()) {
                continue;
            }
            final int received = line.indexOf(RECEIVED);
            final int sent = line.indexOf(SENT);
            if (line.startsWith("Sent" + SENT)) {
                commands.set(commands.size() - 1, SmtpCommand.sent(line.substring(sent + SENT.length())));
            } else if (line.startsWith("Received" + RECEIVED)) {
                diagnostics.set(
                        diagnostics.size() - 1,
                        line.substring(received + RECEIVED.length()).strip());
            } else if (!line.startsWith("Sent" + SENT) && sent > 0) {
                // the session in another language than English: the reply follows the arrows
                diagnostics.set(
                        diagnostics.size() - 1,
                        line.substring(sent + SENT.length()).strip());
            }
        }
        final List<Failure> failures = new ArrayList<>(recipients.size());
        for (int i = 0; i < recipients.size(); i++) {
            final String diagnostic = diagnostics.get(i);
            failures.add(new Failure(
                    recipients.get(i),
                    null,
                    diagnostic,
                    "failed",
                    null,
                    null,
                    null,
                    REASONS.reasonOf(diagnostic),
                    commands.get(i)));
        }
        return failures.isEmpty() ? Optional.empty() : Optional.of(failures);
    }
}
