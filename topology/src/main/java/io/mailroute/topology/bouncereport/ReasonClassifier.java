package io.mailroute.topology.bouncereport;

import io.mailroute.topology.bouncereport.reason.Reason;
import io.mailroute.topology.bouncereport.reason.Reasons;
import io.mailroute.topology.match.LinearPattern;
import io.mailroute.topology.match.Whitespace;
import java.util.List;
import java.util.Locale;
import java.util.Set;

/**
 * Decides the Sisimai reason of one failed recipient from its enhanced status code, its
 * diagnostic text and the DSN action: a specific status code wins, then the reasons the
 * diagnostic message says in Sisimai's order ({@link Reasons}), then the status class, the action and the fallbacks.
 */
final class ReasonClassifier {
    /** Reasons a status code names only vaguely: the diagnostic message may say better. */
    private static final Set<String> VAGUE = Set.of(
            "undefined",
            "onhold",
            "systemerror",
            "securityerror",
            "expired",
            "networkerror",
            "hostunknown",
            "userunknown",
            "filtered",
            "rejected",
            "blocked",
            "notaccept",
            "syntaxerror",
            "contenterror");
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
    /** Sisimai's first probing order (Reason.ClassOrder[0]), in this vocabulary. */
    private static final List<String> PROBE_ORDER = List.of(
            "mailboxfull",
            "emailtoolarge",
            "suspend",
            "hasmoved",
            "norelaying",
            "authfailure",
            "userunknown",
            "filtered",
            "requireptr",
            "notcompliantrfc",
            "badreputation",
            "contenterror",
            "rejected",
            "hostunknown",
            "spamdetected",
            "ratelimited",
            "blocked");
    /** Vague reasons whose probe accepts the status code alone. */
    private static final Set<String> STATUS_PROBED = Set.of("rejected", "blocked");
    /** Refusals that echo the recipient the way servers answer RCPT TO (and Yahoo's unknown-account text). */
    private static final LinearPattern RCPT_REFUSAL = LinearPattern.compile(
            "\\b5\\d\\d[ -]<[^>\\s]+@[^>\\s]+>: user unknown|doesn't have a yahoo\\.com account|the recipient name is not recognized|invalid final delivery userid|^unknown user: ");
    /** Replies 500-504 (not inside a number or a dotted code): the server did not understand the command. */
    private static final LinearPattern SYNTAX_REPLY = LinearPattern.compile("(?:^|[^\\d.])50[0-4][ -]");

    String reason(final String status, final String diagnostic, final String action) {
        return reason(status, diagnostic, action, null);
    }

    /**
     * @param reportCommand the SMTP command the whole report names (a transcript), used when the
     *                      diagnostic names none; may be null
     */
    String reason(final String status, final String diagnostic, final String action, final String reportCommand) {
        if (status != null && status.startsWith("2.")) {
            return "delivered";
        }
        final String text = diagnostic == null ? "" : Whitespace.collapse(diagnostic.toLowerCase(Locale.ROOT));
        final String byStatus = StatusReasons.of(status);
        if (byStatus == null && "delayed".equals(action)) {
            return "expired";
        }
        final String byMessage = byMessage(text);
        if (byStatus != null && !VAGUE.contains(byStatus) && !("5.2.1".equals(status) && byMessage != null)) {
            return byStatus;
        }
        if ("userunknown".equals(byStatus)) {
            if ("rejected".equals(byMessage) && !"MAIL".equals(command(text, reportCommand))) {
                // Sisimai's Rejected rule reads a sender refusal into an unknown-user code only at MAIL FROM.
                return byStatus;
            }
            return byMessage != null && BEFORE_USERUNKNOWN.contains(byMessage) ? byMessage : byStatus;
        }
        if ("userunknown".equals(byMessage)) {
            // A recipient refused after the message was read was refused by a filter, not for being unknown.
            final String named = SmtpCommand.in(text);
            final String command = named != null ? named : reportCommand;
            if (RCPT_REFUSAL.find(text)) {
                return byMessage;
            }
            final boolean afterData = "DATA".equals(command)
                    || text.contains("550 : user unknown")
                    || text.contains("550: : user unknown")
                    || status != null
                            && (status.startsWith("5.7.") || status.startsWith("5.3.") || status.startsWith("5.2.0"));
            return (afterData || "filtered".equals(byStatus)) && !"RCPT".equals(command)
                            || command == null && (status == null || status.endsWith(".0.0"))
                    ? "filtered"
                    : byMessage;
        }
        if (byStatus != null
                && STATUS_PROBED.contains(byStatus)
                && (byMessage == null
                        || !PROBE_ORDER.contains(byMessage)
                        || PROBE_ORDER.indexOf(byMessage) > PROBE_ORDER.indexOf(byStatus))) {
            // Sisimai probes reasons in order and a status code naming one decides before later messages.
            return byStatus;
        }
        if (byMessage != null) {
            return byMessage;
        }
        final String byMta = MtaMessages.reason(text);
        if (byMta != null) {
            return byMta;
        }
        if (byStatus != null) {
            return byStatus;
        }
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
        final String named = SmtpCommand.in(text);
        final String command = named != null ? named : reportCommand;
        if ("HELO".equals(command) || "CONN".equals(command)) {
            return "blocked";
        }
        if (SYNTAX_REPLY.find(text)) {
            return "syntaxerror";
        }
        return text.isBlank() ? "undefined" : "onhold";
    }

    private static String command(final String text, final String reportCommand) {
        final String named = SmtpCommand.in(text);
        return named != null ? named : reportCommand;
    }

    /** The first reason the lower-case text says, in Sisimai's order, or null. */
    static String byMessage(final String text) {
        final Reason said = Reasons.saidBy(text);
        return said == null ? null : said.name();
    }
}
