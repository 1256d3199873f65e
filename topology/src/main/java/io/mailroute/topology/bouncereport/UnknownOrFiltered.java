package io.mailroute.topology.bouncereport;

import io.mailroute.topology.match.LinearPattern;
import java.util.Set;

/**
 * Tells an unknown recipient from a filtered one, after Sisimai's {@code UserUnknown.true} and
 * {@code Filtered.true}: a recipient refused at RCPT TO does not exist, one refused after the
 * message was read was refused by a filter, and an unknown-user code yields to messages that
 * say more.
 */
final class UnknownOrFiltered {
    /** Message matches that overrule a userunknown status code. */
    private static final Set<String> BEFORE_USERUNKNOWN = Set.of(
            "norelaying",
            "blocked",
            "mailboxfull",
            "hasmoved",
            "rejected",
            "notaccept",
            "suspend",
            "spamdetected",
            "policyviolation",
            "authfailure",
            "requireptr",
            "badreputation",
            "ratelimited");
    /** Refusals that echo the recipient the way servers answer RCPT TO (and Yahoo's unknown-account text). */
    private static final LinearPattern RCPT_REFUSAL = LinearPattern.compile(
            "\\b5\\d\\d[ -]<[^>\\s]+@[^>\\s]+>: user unknown|doesn't have a yahoo\\.com account|the recipient name is not recognized|invalid final delivery userid|^unknown user: ");

    private UnknownOrFiltered() {}

    /**
     * The reason under a status code naming an unknown user.
     *
     * @param byMessage     the reason the message says, or null
     * @param command   the SMTP command refused, or null
     */
    static String underUnknownUserCode(final String byMessage, final String command) {
        if ("rejected".equals(byMessage) && !"MAIL".equals(command)) {
            // Sisimai's Rejected rule reads a sender refusal into an unknown-user code only at MAIL FROM.
            return "userunknown";
        }
        return byMessage != null && BEFORE_USERUNKNOWN.contains(byMessage) ? byMessage : "userunknown";
    }

    /**
     * The reason of a message that says the user is unknown.
     *
     * @param byStatus      the reason the status code names, or null
     * @param command  the SMTP command refused, or null
     */
    static String saidUnknown(final String status, final String byStatus, final String text, final String command) {
        if (RCPT_REFUSAL.find(text)) {
            return "userunknown";
        }
        final boolean afterData = "DATA".equals(command)
                || text.contains("550 : user unknown")
                || text.contains("550: : user unknown")
                || status != null
                        && (status.startsWith("5.7.") || status.startsWith("5.3.") || status.startsWith("5.2.0"));
        return (afterData || "filtered".equals(byStatus)) && !"RCPT".equals(command)
                        || command == null && (status == null || status.endsWith(".0.0"))
                ? "filtered"
                : "userunknown";
    }
}
