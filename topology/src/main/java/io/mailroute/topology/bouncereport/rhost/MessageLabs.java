package io.mailroute.topology.bouncereport.rhost;

import io.mailroute.topology.bouncereport.ReasonPhrases;
import java.util.List;
import java.util.Map;

/**
 * Symantec MessageLabs (after Sisimai's {@code Sisimai::Rhost::MessageLabs}): its words for an
 * unknown recipient and for a client that must authenticate.
 */
final class MessageLabs extends Rhost {
    private static final ReasonPhrases REASONS = new ReasonPhrases(List.of(
            Map.entry("securityerror", List.of("please turn on smtp authentication in your mail client")),
            Map.entry("userunknown", List.of("542 ", " rejected", "no such user"))));

    MessageLabs() {
        super("messagelabs.com");
    }

    @Override
    String reason(final String status, final String command, final String lowerText) {
        return REASONS.reasonOf(lowerText);
    }
}
