package io.mailroute.topology.bouncereport.lhost;

import io.mailroute.topology.bouncereport.Failure;
import io.mailroute.topology.bouncereport.SmtpCommand;
import io.mailroute.topology.parse.MailReport;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Optional;

/**
 * qmail's bounce (after Sisimai's {@code Sisimai::Lhost::qmail}): subject "failure notice" or a
 * {@code Received: (qmail NNN invoked for bounce)} header, a text that starts "Hi. This is the
 * qmail-send program", then per recipient a line {@code <address>:} and the lines qmail-remote or
 * qmail-local wrote about it ("does not like recipient.", "Remote host said: ...", "Giving up on
 * ...").
 */
final class Qmail implements Lhost {
    private static final String GREETING = "Hi. This is the qmail";
    private static final String COPY_FOLLOWS = "--- Below this line is a copy of the message.";
    /** Where qmail-remote names the host it talked to, as Sisimai reads it. */
    private static final List<String> REMOTE_HOST_LABELS = List.of("Giving up on ", "Connected to ", "remote host ");

    @Override
    public Optional<List<Failure>> inspect(final MailReport mail) {
        if (!isQmail(mail)) {
            return Optional.empty();
        }
        final List<Failure> failures = new ArrayList<>();
        String recipient = null;
        StringBuilder diagnostic = new StringBuilder();
        String remoteHost = null;
        for (final String line :
                ReportLines.between(mail.text(), l -> l.startsWith(GREETING), l -> l.startsWith(COPY_FOLLOWS))) {
            final String address = recipientOf(line);
            if (address != null) {
                add(failures, recipient, diagnostic, remoteHost);
                recipient = address;
                diagnostic = new StringBuilder();
                remoteHost = null;
            } else if (recipient != null && !line.isBlank()) {
                diagnostic.append(line.strip()).append(' ');
                remoteHost = remoteHost != null ? remoteHost : remoteHostIn(line);
            }
        }
        add(failures, recipient, diagnostic, remoteHost);
        return failures.isEmpty() ? Optional.empty() : Optional.of(failures);
    }

    private static boolean isQmail(final MailReport mail) {
        if ("failure notice".equals(mail.headers().firstOrEmpty("subject").strip())) {
            return true;
        }
        for (final String received : mail.headers().all("received")) {
            final int qmail = received.indexOf("(qmail ");
            if (qmail >= 0
                    && (received.indexOf("invoked for bounce)", qmail) >= 0
                            || received.indexOf("invoked from network)", qmail) >= 0)) {
                return true;
            }
        }
        return false;
    }

    /** The address of a {@code <address>:} line, else null. */
    private static String recipientOf(final String line) {
        if (!line.startsWith("<")) {
            return null;
        }
        final int close = line.indexOf('>');
        final int at = line.indexOf('@');
        if (at < 1 || close < at || line.indexOf(':', close) != close + 1) {
            return null;
        }
        return line.substring(1, close);
    }

    /** The host after one of {@link #REMOTE_HOST_LABELS}, up to the next blank or the last dot. */
    private static String remoteHostIn(final String line) {
        for (final String label : REMOTE_HOST_LABELS) {
            final int start = line.indexOf(label);
            if (start < 0) {
                continue;
            }
            final int from = start + label.length();
            int end = line.indexOf(' ', from);
            if (end < 0) {
                end = line.endsWith(".") ? line.length() - 1 : line.length();
            }
            final String host = line.substring(from, end).strip();
            return host.isEmpty() ? null : host;
        }
        return null;
    }

    private static void add(
            final List<Failure> failures,
            final String recipient,
            final StringBuilder diagnostic,
            final String remoteHost) {
        if (recipient != null) {
            final String text = diagnostic.toString().strip();
            failures.add(new Failure(
                    recipient,
                    null,
                    text,
                    "failed",
                    null,
                    null,
                    remoteHost,
                    null,
                    SmtpCommand.in(text.toLowerCase(Locale.ROOT))));
        }
    }
}
