package io.mailroute.topology.bounce;

import io.mailroute.avro.Bounce;
import java.util.Locale;
import java.util.Set;

/** What one reported recipient means for its ticket, its suppression and the bounce rate. */
enum BounceOutcome {
    /** Delivery failed (or is delayed): opens or updates a ticket, counts towards suppression and rate. */
    FAILED,
    /** A positive delivery report (delivered, relayed, expanded): closes an open ticket. */
    DELIVERED,
    /** An auto-reply (vacation): the address works, nothing to do. */
    AUTO_REPLY;

    private static final Set<String> POSITIVE_ACTIONS = Set.of("delivered", "relayed", "expanded");

    static BounceOutcome of(final Bounce bounce) {
        final String action =
                bounce.getAction() == null ? "" : bounce.getAction().strip().toLowerCase(Locale.ROOT);
        if (POSITIVE_ACTIONS.contains(action) || "delivered".equals(bounce.getReason())) {
            return DELIVERED;
        }
        return "vacation".equals(bounce.getReason()) ? AUTO_REPLY : FAILED;
    }
}
