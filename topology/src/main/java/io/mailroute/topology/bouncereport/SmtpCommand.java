package io.mailroute.topology.bouncereport;

import io.mailroute.topology.match.LinearMatcher;
import io.mailroute.topology.match.LinearPattern;
import java.util.Locale;
import java.util.Set;

/**
 * The SMTP command a remote server refused, named as Sisimai names it (its {@code command}):
 * {@code CONN} (the connection or greeting), {@code HELO}, {@code EHLO}, {@code STARTTLS}, {@code
 * AUTH}, {@code MAIL}, {@code RCPT}, {@code DATA} or {@code BDAT}.
 */
public final class SmtpCommand {
    private static final LinearPattern COMMAND = LinearPattern.compile(
            "(?:in reply to|after|>>>|while sending|command:?|during|most progress was)\\s+(?:the\\s+)?"
                    + "(end of data|data|bdat|rcpt|mail from|mail|ehlo|helo|starttls|auth|connect)"
                    + "|(end of data|rcpt to|mail from|data|bdat|starttls|auth) command"
                    // qmail and DragonFly name the refused command their own way
                    + "|(?:did not like our|does not like) (rcpt|recipient|mail from|sender|data)"
                    + "|but (sender|my name|greeting) (?:was rejected|failed)"
                    + "|failed (?:on (data) command|after i sent the (message))");
    private static final Set<String> NAMES = Set.of("HELO", "EHLO", "STARTTLS", "AUTH", "MAIL", "RCPT", "DATA", "BDAT");
    private static final int LONGEST = "STARTTLS".length() + 1;

    private SmtpCommand() {}

    /**
     * @param lowerText a diagnostic or report text in lower case
     * @return the command the text says was refused, or null
     */
    public static String in(final String lowerText) {
        final LinearMatcher m = COMMAND.matcher(lowerText);
        if (!m.find()) {
            return null;
        }
        String found = null;
        for (int group = 1; found == null && group <= m.groupCount(); group++) {
            found = m.group(group);
        }
        return canonical(found);
    }

    /**
     * @param line a command as a transcript shows it sent, such as {@code RCPT TO:<a@b.example>}
     * @return the command it is, or null when it is none
     */
    public static String sent(final String line) {
        final String stripped = line.strip();
        int end = 0;
        while (end < stripped.length() && end < LONGEST && Character.isLetter(stripped.charAt(end))) {
            end++;
        }
        final String word = stripped.substring(0, end).toUpperCase(Locale.ROOT);
        return NAMES.contains(word) ? word : null;
    }

    private static String canonical(final String found) {
        if (found.contains("data") || found.equals("message")) {
            return "DATA";
        }
        if (found.startsWith("rcpt") || found.equals("recipient")) {
            return "RCPT";
        }
        if (found.startsWith("mail") || found.equals("sender")) {
            return "MAIL";
        }
        return switch (found) {
            case "connect", "greeting" -> "CONN";
            case "ehlo" -> "EHLO";
            case "bdat" -> "BDAT";
            case "starttls" -> "STARTTLS";
            case "auth" -> "AUTH";
            default -> "HELO";
        };
    }
}
