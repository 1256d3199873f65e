package io.mailroute.topology.bounce;

import java.util.regex.Matcher;
import java.util.regex.Pattern;

/** Which SMTP command a diagnostic text says the remote server answered: CONN, HELO, MAIL, RCPT or DATA. */
final class SmtpCommand {
    private static final Pattern COMMAND = Pattern.compile(
            "(?:in reply to|after|>>>|while sending|command:?|during|most progress was)\\s+(?:the\\s+)?(end of data|data|rcpt|mail from|mail|ehlo|helo|connect)"
                    + "|(end of data|rcpt to|mail from|data) command");

    private SmtpCommand() {}

    /** The command named in the lower-case text, or null. */
    static String in(final String lowerText) {
        final Matcher m = COMMAND.matcher(lowerText);
        if (!m.find()) {
            return null;
        }
        final String found = m.group(1) != null ? m.group(1) : m.group(2);
        if (found.contains("data")) {
            return "DATA";
        }
        if (found.startsWith("rcpt")) {
            return "RCPT";
        }
        if (found.startsWith("mail")) {
            return "MAIL";
        }
        return found.equals("connect") ? "CONN" : "HELO";
    }
}
