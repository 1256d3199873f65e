package io.mailroute.topology.bouncereport;

import io.mailroute.topology.bouncereport.reason.Reason;
import io.mailroute.topology.bouncereport.reason.Reasons;
import io.mailroute.topology.match.Whitespace;
import java.util.Locale;

/**
 * Decides the Sisimai reason of one failed recipient from its enhanced status code, its
 * diagnostic text and the DSN action, in the manner of Sisimai's {@code Reason.get}: a status
 * code that names a reason for sure, then an unknown recipient told from a filtered one
 * ({@link UnknownOrFiltered}), the first reason the diagnostic says ({@link Reasons}), the
 * messages particular MTAs use ({@link MtaMessages}), the reason a vague status code names, and
 * at last {@link LastResortReason}. Which codes are vague, and the order reasons are probed in,
 * the reasons themselves say ({@link Reasons}).
 */
final class ReasonClassifier {
    /**
     * @param command the SMTP command the remote server refused (the recipient's, else the one the
     *                whole report names); may be null
     */
    String reason(final String status, final String diagnostic, final String action, final String command) {
        if (status != null && status.startsWith("2.")) {
            return "delivered";
        }
        final String text = diagnostic == null ? "" : Whitespace.collapse(diagnostic.toLowerCase(Locale.ROOT));
        final String byStatus = StatusReasons.of(status);
        if (byStatus == null && "delayed".equals(action)) {
            return "expired";
        }
        final String byMessage = byMessage(text);
        if (byStatus != null && !Reasons.vagueByStatus(byStatus) && !("5.2.1".equals(status) && byMessage != null)) {
            return byStatus;
        }
        if ("userunknown".equals(byStatus)) {
            return UnknownOrFiltered.underUnknownUserCode(byMessage, command);
        }
        if ("userunknown".equals(byMessage)) {
            return UnknownOrFiltered.saidUnknown(status, byStatus, text, command);
        }
        if (byStatus != null
                && Reasons.provedByStatus(byStatus)
                && (byMessage == null || !Reasons.probedBefore(byMessage, byStatus))) {
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
        return LastResortReason.of(status, text, action, command);
    }

    /** The first reason the lower-case text says, in Sisimai's order, or null. */
    static String byMessage(final String text) {
        final Reason said = Reasons.saidBy(text);
        return said == null ? null : said.name();
    }
}
