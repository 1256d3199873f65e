package io.mailroute.topology.bouncereport.lhost;

import io.mailroute.topology.bouncereport.Failure;
import io.mailroute.topology.bouncereport.SmtpCommand;
import io.mailroute.topology.match.TextSplit;
import io.mailroute.topology.parse.MailReport;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * Sendmail's bounce in plain text (after Sisimai's {@code Sisimai::Lhost::Sendmail}, which reads
 * savemail.c's wording): subject "Returned mail: see transcript for details", the recipients under
 * "----- The following addresses had permanent fatal errors -----" as {@code <address>} with an
 * indented {@code (reason: ...)}, then "----- Transcript of session follows -----" with {@code
 * ... while talking to host.:}, the commands ({@code >>> }), the replies ({@code <<< }) and
 * sendmail's own lines {@code 550 5.1.1 <address>... User unknown}. A report with RFC 3464 fields
 * is left to the generic reader of those fields.
 */
final class Sendmail implements Lhost {
    private static final String SUBJECT = "see transcript for details";
    private static final String TRANSCRIPT = "----- Transcript of session follows -----";
    private static final String WHILE_TALKING_TO = "... while talking to ";
    private static final String REASON = "(reason: ";
    private static final List<String> COPY_FOLLOWS = List.of(
            "----- Original message follows -----",
            "----- Message header follows -----",
            "Content-Type: message/rfc822",
            "Content-Type: text/rfc822-headers");

    @Override
    public Optional<List<Failure>> inspect(final MailReport mail) {
        final String text = mail.text();
        if (!mail.headers().firstOrEmpty("subject").contains(SUBJECT)
                || !mail.headers().firstOrEmpty("x-aol-ip").isEmpty()
                || !text.contains(TRANSCRIPT)
                || text.contains("Final-Recipient")
                || text.contains("final-recipient")) {
            return Optional.empty();
        }
        final Map<String, String> diagnostics = new LinkedHashMap<>();
        final List<String> replies = new ArrayList<>();
        String remoteHost = null;
        final Map<String, String> commands = new HashMap<>();
        String command = null;
        String commandRecipient = null;
        String recipient = null;
        for (final String raw : TextSplit.at(text, '\n')) {
            final String line = raw.strip();
            if (COPY_FOLLOWS.stream().anyMatch(line::startsWith)) {
                break;
            }
            if (line.startsWith(WHILE_TALKING_TO)) {
                final String host = line.substring(WHILE_TALKING_TO.length());
                final int end = host.indexOf(".:");
                remoteHost = remoteHost != null || end < 1 ? remoteHost : host.substring(0, end);
                continue;
            }
            if (line.startsWith(">>> ")) {
                final String sent = SmtpCommand.sent(line.substring(4));
                command = sent != null ? sent : command;
                commandRecipient = addressIn(line);
                recipient = null;
                continue;
            }
            if (line.startsWith("<<< ")) {
                replies.add(line.substring(4).strip());
                // the reply refused the command for the recipient it names, else for the one the command named
                final String refused = addressIn(line);
                final String to = refused != null ? refused : commandRecipient;
                if (to != null && command != null) {
                    commands.putIfAbsent(to, command);
                }
                continue;
            }
            if (line.startsWith(REASON) && recipient != null) {
                final int end = line.lastIndexOf(')');
                if (diagnostics.getOrDefault(recipient, "").isEmpty()) {
                    diagnostics.put(
                            recipient, line.substring(REASON.length(), end > REASON.length() ? end : line.length()));
                }
                continue;
            }
            final int open = line.indexOf('<');
            final int close = line.indexOf('>', open + 1);
            if (open < 0 || close < open || line.indexOf('@', open) < open + 2 || line.indexOf('@', open) > close) {
                recipient = null;
                continue;
            }
            final String address = line.substring(open + 1, close);
            if (open == 0 && close == line.length() - 1) {
                // a recipient of the list of addresses with fatal errors
                recipient = address;
                diagnostics.putIfAbsent(address, "");
            } else if (line.startsWith("...", close + 1) && (open == 0 || Character.isDigit(line.charAt(0)))) {
                // sendmail's own line about the recipient, with the code it gave it
                recipient = null;
                final String known = diagnostics.getOrDefault(address, "");
                if (known.isEmpty() || open > 0) {
                    diagnostics.put(address, line);
                }
            } else {
                recipient = null;
            }
        }
        if (diagnostics.isEmpty()) {
            return Optional.empty();
        }
        final List<Failure> failures = new ArrayList<>(diagnostics.size());
        for (final Map.Entry<String, String> entry : diagnostics.entrySet()) {
            String diagnostic = entry.getValue();
            if (diagnostics.size() == 1 && !replies.isEmpty() && !diagnostic.contains(replies.get(0))) {
                diagnostic = (String.join(" ", replies) + " " + diagnostic).strip();
            }
            final String refused = commands.containsKey(entry.getKey())
                    ? commands.get(entry.getKey())
                    : diagnostics.size() == 1 ? command : null;
            failures.add(
                    new Failure(entry.getKey(), null, diagnostic, "failed", null, null, remoteHost, null, refused));
        }
        return Optional.of(failures);
    }

    /** The address in angle brackets on a transcript line, else null. */
    private static String addressIn(final String line) {
        final int open = line.indexOf('<', 4);
        final int close = line.indexOf('>', open + 1);
        return open > 0 && close > open && line.indexOf('@', open) < close ? line.substring(open + 1, close) : null;
    }
}
