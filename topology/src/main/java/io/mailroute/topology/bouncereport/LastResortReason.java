package io.mailroute.topology.bouncereport;

import io.mailroute.topology.bouncereport.reason.Reasons;
import io.mailroute.topology.match.LinearPattern;

/**
 * The reason when neither the status code nor the words of the message name one, after the end
 * of Sisimai's {@code Reason.anotherone} and {@code Reason.get}: the class of the status code,
 * the DSN action, an out-of-office text, the SMTP command refused, a syntax reply, and at last
 * {@code onhold} for a message said and {@code undefined} for none.
 */
final class LastResortReason {
    /** Replies 500-504 (not inside a number or a dotted code): the server did not understand the command. */
    private static final LinearPattern SYNTAX_REPLY = LinearPattern.compile("(?:^|[^\\d.])50[0-4][ -]");

    private LastResortReason() {}

    /**
     * @param text          the lower-case, whitespace-collapsed diagnostic
     * @param command the SMTP command refused, or null
     */
    static String of(final String status, final String text, final String action, final String command) {
        if (status != null && (status.startsWith("5.6") || status.startsWith("4.6"))) {
            return "contenterror";
        }
        if (status != null && (status.startsWith("5.7") || status.startsWith("4.7"))) {
            return "securityerror";
        }
        if (action != null && (action.startsWith("delayed") || action.startsWith("expired"))) {
            return "expired";
        }
        if (Reasons.VACATION.saidBy(text)) {
            return "vacation";
        }
        if ("HELO".equals(command) || "EHLO".equals(command) || "CONN".equals(command)) {
            return "blocked";
        }
        if (SYNTAX_REPLY.find(text)) {
            return "syntaxerror";
        }
        return text.isBlank() ? "undefined" : "onhold";
    }
}
