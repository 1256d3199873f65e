package io.mailroute.topology.bouncereport.lhost;

import io.mailroute.topology.bouncereport.Failure;
import io.mailroute.topology.bouncereport.SmtpCommand;
import io.mailroute.topology.match.TextSplit;
import io.mailroute.topology.parse.MailReport;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Optional;

/**
 * Progress iMail Server's bounce (after Sisimai's {@code Sisimai::Lhost::IMailServer}): subject
 * "Undeliverable Mail ..." or {@code X-Mailer: <SMTP32 v...>}, then per recipient a line {@code
 * Unknown user: address} (a label, a colon and the address) or {@code undeliverable to address},
 * and what the remote server said after it ("Body of message generated response: ..."), up to
 * "Original message follows.".
 */
final class IMailServer implements Lhost {
    private static final String COPY_FOLLOWS = "Original message follows.";
    private static final String RESPONSE_FOLLOWS = "Body of message generated response:";
    private static final String UNDELIVERABLE_TO = "undeliverable to ";

    @Override
    public Optional<List<Failure>> inspect(final MailReport mail) {
        if (!mail.headers().firstOrEmpty("subject").startsWith("Undeliverable Mail ")
                && !mail.headers().firstOrEmpty("x-mailer").startsWith("<SMTP32 v")) {
            return Optional.empty();
        }
        final List<Failure> failures = new ArrayList<>();
        String recipient = null;
        StringBuilder diagnostic = new StringBuilder();
        boolean inResponse = false;
        for (final String raw : TextSplit.at(mail.text(), '\n')) {
            final String line = raw.strip();
            if (line.startsWith(COPY_FOLLOWS)) {
                break;
            }
            final String address = recipientOf(line);
            if (address != null) {
                add(failures, recipient, diagnostic);
                recipient = address;
                diagnostic = new StringBuilder(line);
                inResponse = false;
            } else if (recipient != null && (inResponse || line.contains(RESPONSE_FOLLOWS))) {
                inResponse = true;
                diagnostic.append(' ').append(line);
            }
        }
        add(failures, recipient, diagnostic);
        return failures.isEmpty() ? Optional.empty() : Optional.of(failures);
    }

    /** The address of {@code Unknown user: address} or {@code undeliverable to address}, else null. */
    private static String recipientOf(final String line) {
        if (line.startsWith(UNDELIVERABLE_TO)) {
            return bare(line.substring(UNDELIVERABLE_TO.length()));
        }
        final int colon = line.indexOf(": ");
        return colon > 8 && line.indexOf('@', colon) > colon ? bare(line.substring(colon + 2)) : null;
    }

    private static void add(final List<Failure> failures, final String recipient, final StringBuilder diagnostic) {
        if (recipient != null) {
            final String text = diagnostic.toString().strip();
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

    /** The address without angle brackets and blanks around it. */
    private static String bare(final String address) {
        final String stripped = address.strip();
        return stripped.startsWith("<") && stripped.endsWith(">")
                ? stripped.substring(1, stripped.length() - 1)
                : stripped;
    }
}
