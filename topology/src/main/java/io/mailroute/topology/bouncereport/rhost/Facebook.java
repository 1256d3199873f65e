package io.mailroute.topology.bouncereport.rhost;

import io.mailroute.topology.bouncereport.ReasonPhrases;
import java.util.List;
import java.util.Map;

/**
 * Facebook (after Sisimai's {@code Sisimai::Rhost::Facebook}): its refusals carry a code such as
 * {@code RCP-P1} or {@code POL-P2}, the kind and number of which name the reason.
 */
final class Facebook extends Rhost {
    private static final ReasonPhrases REASONS = new ReasonPhrases(List.of(
            Map.entry("authfailure", List.of("pol-p7")),
            Map.entry("blocked", List.of("pol-p1", "pol-p2", "pol-p3", "pol-p4", "pol-t1", "pol-t2", "pol-t3")),
            Map.entry("contenterror", List.of("msg-p2")),
            Map.entry("filtered", List.of("rcp-p2", "rcp-p3")),
            Map.entry("emailtoolarge", List.of("msg-p1", "int-p2")),
            Map.entry("notcompliantrfc", List.of("msg-p3")),
            Map.entry("rejected", List.of("dns-p1", "dns-p2", "dns-t1")),
            Map.entry("requireptr", List.of("dns-p3", "dns-t2")),
            Map.entry("spamdetected", List.of("pol-p6")),
            Map.entry("suspend", List.of("rcp-t4")),
            Map.entry("systemerror", List.of("rcp-t1")),
            Map.entry("ratelimited", List.of("con-t1", "con-t2", "con-t3", "con-t4", "msg-t1")),
            Map.entry("userunknown", List.of("rcp-p1", "int-p1", "int-p3", "int-p4")),
            Map.entry("virusdetected", List.of("pol-p5"))));

    Facebook() {
        super("facebook.com");
    }

    @Override
    String reason(final String status, final String command, final String lowerText) {
        return REASONS.reasonOf(lowerText);
    }
}
