package io.mailroute.topology.bouncereport.lhost;

import io.mailroute.topology.bouncereport.Failure;
import io.mailroute.topology.bouncereport.SmtpCommand;
import io.mailroute.topology.parse.MailReport;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Optional;

/**
 * OpenSMTPD's bounce (after Sisimai's {@code Sisimai::Lhost::OpenSMTPD}, from its bounce.c
 * templates): subject "Delivery status notification", sender "Mailer Daemon <...>", a {@code
 * Received} header "... (OpenSMTPD) with ...", a text with "This is the MAILER-DAEMON, please DO NOT
 * REPLY to this e-mail." and then one line per recipient, {@code address: what happened}, up to
 * "Below is a copy of the original message:".
 */
final class OpenSmtpd implements Lhost {
    private static final String GREETING = "This is the MAILER-DAEMON, please DO NOT REPLY to this";
    private static final String COPY_FOLLOWS = "Below is a copy of the original message:";

    @Override
    public Optional<List<Failure>> inspect(final MailReport mail) {
        if (!isOpenSmtpd(mail)) {
            return Optional.empty();
        }
        final List<Failure> failures = new ArrayList<>();
        for (final String raw : ReportLines.between(
                mail.text(), l -> l.strip().startsWith(GREETING), l -> l.strip().startsWith(COPY_FOLLOWS))) {
            final String line = raw.strip();
            final int at = line.indexOf('@');
            final int colon = line.indexOf(": ");
            if (at > 0 && colon > at && line.indexOf(' ') == colon + 1) {
                final String diagnostic = line.substring(colon + 1).strip();
                failures.add(new Failure(
                        line.substring(0, colon),
                        null,
                        diagnostic,
                        "failed",
                        null,
                        null,
                        null,
                        null,
                        SmtpCommand.in(diagnostic.toLowerCase(Locale.ROOT))));
            }
        }
        return failures.isEmpty() ? Optional.empty() : Optional.of(failures);
    }

    private static boolean isOpenSmtpd(final MailReport mail) {
        if (!mail.headers().firstOrEmpty("subject").contains("Delivery status notification")
                || !mail.headers().firstOrEmpty("from").contains("Mailer Daemon <")) {
            return false;
        }
        for (final String received : mail.headers().all("received")) {
            if (received.contains(" (OpenSMTPD) with ")) {
                return true;
            }
        }
        return false;
    }
}
