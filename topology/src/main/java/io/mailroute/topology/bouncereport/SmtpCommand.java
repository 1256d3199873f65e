package io.mailroute.topology.bouncereport;

import io.mailroute.topology.match.LinearMatcher;
import io.mailroute.topology.match.LinearPattern;

/** Which SMTP command a diagnostic text says the remote server answered: CONN, HELO, MAIL, RCPT or DATA. */
final class SmtpCommand {
    private static final LinearPattern COMMAND = LinearPattern.compile(
            "(?:in reply to|after|>>>|while sending|command:?|during|most progress was)\\s+(?:the\\s+)?(end of data|data|rcpt|mail from|mail|ehlo|helo|connect)"
                    + "|(end of data|rcpt to|mail from|data) command"
                    // qmail and DragonFly name the refused command their own way
                    + "|(?:did not like our|does not like) (rcpt|recipient|mail from|sender|data)");

    private SmtpCommand() {}

    /** The command named in the lower-case text, or null. */
    static String in(final String lowerText) {
        final LinearMatcher m = COMMAND.matcher(lowerText);
        if (!m.find()) {
            return null;
        }
        final String found = m.group(1) != null ? m.group(1) : m.group(2) != null ? m.group(2) : m.group(3);
        if (found.contains("data")) {
            return "DATA";
        }
        if (found.startsWith("rcpt") || found.equals("recipient")) {
            return "RCPT";
        }
        if (found.startsWith("mail") || found.equals("sender")) {
            return "MAIL";
        }
        return found.equals("connect") ? "CONN" : "HELO";
    }
}
