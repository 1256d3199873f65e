package io.mailroute.topology.flood;

import io.mailroute.topology.config.FloodPolicy;
import io.mailroute.topology.owner.Owner;
import io.mailroute.topology.owner.OwnerIndex;
import io.mailroute.topology.parse.ParsedMail;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * The keys a mail counts against in flood isolation, each with its kind: its sender
 * ({@code sender:<address>}, or {@code sender-domain:<domain>} when the policy counts domains) and
 * each owner of its recipients ({@code owner:<accountId>}).
 */
final class FloodKeys {
    private FloodKeys() {}

    static Map<String, String> of(final ParsedMail mail, final OwnerIndex owners, final FloodPolicy policy) {
        final Map<String, String> keys = new LinkedHashMap<>(4);
        if (mail.from() != null
                && mail.from().getNormalized() != null
                && !mail.from().getNormalized().isEmpty()) {
            final String address = mail.from().getNormalized();
            final int at = address.lastIndexOf('@');
            if (policy.senderDomain() && at >= 0) {
                keys.put("sender-domain:" + address.substring(at + 1), "sender-domain");
            } else {
                keys.put("sender:" + address, "sender");
            }
        }
        for (final Owner owner : owners.ownersOf(mail.recipients())) {
            keys.put("owner:" + owner.accountId(), "owner");
        }
        return keys;
    }
}
