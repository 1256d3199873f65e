package io.mailroute.topology.bouncereport.rhost;

import io.mailroute.topology.bouncereport.ReasonPhrases;
import java.util.List;
import java.util.Map;

/**
 * NTT DOCOMO (after Sisimai's {@code Sisimai::Rhost::NTTDOCOMO}): its servers answer with bare
 * SMTP texts, so the status code carries most of the reason: {@code 5.1.1} and {@code 5.0.911} are
 * an unknown user, {@code 5.2.0} the recipient's filter refusing the sender, and a bare
 * {@code 5.0.0} an unknown user at {@code RCPT} and a refused mail at {@code DATA}.
 */
final class NttDocomo extends Rhost {
    private static final ReasonPhrases REASONS = new ReasonPhrases(List.of(
            Map.entry("mailboxfull", List.of("552 too much mail data")),
            Map.entry("ratelimited", List.of("552 too many recipients")),
            Map.entry(
                    "syntaxerror", List.of("503 bad sequence of commands", "504 command parameter not implemented"))));

    NttDocomo() {
        super("docomo.ne.jp");
    }

    @Override
    String reason(final String status, final String command, final String lowerText) {
        if ("5.1.1".equals(status) || "5.0.911".equals(status)) {
            return "userunknown";
        }
        if ("5.2.0".equals(status)) {
            return "filtered";
        }
        final String byWording = REASONS.reasonOf(lowerText);
        if (byWording != null || !"5.0.0".equals(status)) {
            return byWording;
        }
        return "RCPT".equals(command) ? "userunknown" : "DATA".equals(command) ? "rejected" : null;
    }
}
