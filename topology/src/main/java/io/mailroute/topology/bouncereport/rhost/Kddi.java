package io.mailroute.topology.bouncereport.rhost;

import io.mailroute.topology.bouncereport.ReasonPhrases;
import java.util.List;
import java.util.Map;

/**
 * KDDI's au and EZweb (after Sisimai's {@code Sisimai::Rhost::KDDI}): a bare "550 : User unknown"
 * is the recipient's filter refusing the sender, one that names the address an unknown user.
 */
final class Kddi extends Rhost {
    private static final ReasonPhrases REASONS = new ReasonPhrases(List.of(
            Map.entry("filtered", List.of("550 : user unknown")),
            Map.entry("userunknown", List.of(">: user unknown"))));

    Kddi() {
        super("ezweb.ne.jp", "au.com");
    }

    @Override
    String reason(final String status, final String command, final String lowerText) {
        return REASONS.reasonOf(lowerText);
    }
}
