package io.mailroute.topology.bouncereport.rhost;

import java.util.List;

/**
 * A receiving host with codes and messages of its own, after Sisimai's {@code Sisimai::Rhost::*}
 * classes: it is recognised by the domains it serves (the recipient's domain, the Remote-MTA or
 * the Reporting-MTA, itself or a subdomain) and then reads the reason from its own wording.
 * Stateless and thread-safe.
 */
public abstract class Rhost {
    private final List<String> domains;

    Rhost(final String... domains) {
        this.domains = List.of(domains);
    }

    /** True when the lower-case host name is one of this host's domains or under one. */
    final boolean serves(final String host) {
        for (final String domain : domains) {
            if (host.equals(domain) || host.endsWith("." + domain)) {
                return true;
            }
        }
        return false;
    }

    /** True when the lower-case text names one of this host's domains. */
    final boolean namedIn(final String lowerText) {
        for (final String domain : domains) {
            if (lowerText.contains(domain)) {
                return true;
            }
        }
        return false;
    }

    /**
     * @param lowerText the lower-case diagnostic
     * @return the reason this host's own wording gives, or null when the text has none of it
     */
    abstract String reason(String lowerText);
}
