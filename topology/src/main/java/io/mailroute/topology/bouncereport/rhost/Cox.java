package io.mailroute.topology.bouncereport.rhost;

import io.mailroute.topology.bouncereport.ReasonPhrases;
import java.util.List;
import java.util.Map;

/**
 * Cox Communications (after Sisimai's {@code Sisimai::Rhost::Cox}): its refusals carry an
 * acceptable-use code, {@code AUP#CXBL}, {@code AUP#CXDNS}, {@code AUP#IPBL0100}, ..., each of which
 * names the reason.
 */
final class Cox extends Rhost {
    private static final ReasonPhrases REASONS = new ReasonPhrases(List.of(
            Map.entry("blocked", List.of("aup#cxbl")),
            Map.entry("requireptr", List.of("aup#cxdns")),
            Map.entry("authfailure", List.of("aup#cxsndr")),
            Map.entry("rejected", List.of("aup#cxsmtp")),
            Map.entry("ratelimited", List.of("aup#cxcnct", "aup#cxmxrt")),
            Map.entry("blocked", List.of("aup#cdrbl")),
            Map.entry("securityerror", List.of("aup#cxthrt", "aup#cxmj")),
            Map.entry(
                    "blocked",
                    List.of(
                            "aup#ipbl0001",
                            "aup#ipbl0010",
                            "aup#ipbl0100",
                            "aup#ipbl0011",
                            "aup#ipbl0101",
                            "aup#ipbl0110",
                            "aup#ipbl0111",
                            "aup#ipbl1000",
                            "aup#ipbl1001",
                            "aup#ipbl1010",
                            "aup#ipbl1011",
                            "aup#ipbl1100",
                            "aup#ipbl1101",
                            "aup#ipbl1110",
                            "aup#ipbl1111",
                            "aup#ipbl00001")),
            Map.entry("spamdetected", List.of("aup#urlbl011", "aup#urlbl101", "aup#urlbl110", "aup#urlbl1001"))));

    Cox() {
        super("cox.net");
    }

    @Override
    String reason(final String status, final String command, final String lowerText) {
        return REASONS.reasonOf(lowerText);
    }
}
