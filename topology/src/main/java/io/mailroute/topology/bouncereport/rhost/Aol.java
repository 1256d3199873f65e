package io.mailroute.topology.bouncereport.rhost;

import io.mailroute.topology.bouncereport.ReasonPhrases;
import java.util.List;
import java.util.Map;

/**
 * AOL (after Sisimai's {@code Sisimai::Rhost::Aol}): its resolver's words for a domain that has no
 * usable mail exchanger.
 */
final class Aol extends Rhost {
    private static final ReasonPhrases REASONS = new ReasonPhrases(List.of(
            Map.entry("hostunknown", List.of("host or domain name not found")),
            Map.entry("notaccept", List.of("type=mx: malformed or unexpected name server reply"))));

    Aol() {
        super("aol.com");
    }

    @Override
    String reason(final String status, final String command, final String lowerText) {
        return REASONS.reasonOf(lowerText);
    }
}
