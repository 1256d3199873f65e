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

    /**
     * True when the lower-case text names one of this host's domains, itself or a subdomain: the
     * domain starts the text or follows a character that cannot be part of a host name, so that
     * {@code me.com} is not named in {@code home.com}.
     */
    final boolean namedIn(final String lowerText) {
        for (final String domain : domains) {
            for (int at = lowerText.indexOf(domain); at >= 0; at = lowerText.indexOf(domain, at + 1)) {
                if (at == 0 || !isHostNameLetter(lowerText.charAt(at - 1))) {
                    return true;
                }
            }
        }
        return false;
    }

    private static boolean isHostNameLetter(final char c) {
        return c >= 'a' && c <= 'z' || c >= '0' && c <= '9' || c == '-';
    }

    /**
     * @param status    the enhanced status code the bounce reports, or null
     * @param command   the SMTP command the host refused ({@code RCPT}, {@code DATA}, ...), or null
     * @param lowerText the lower-case diagnostic
     * @return the reason this host's own wording gives, or null when the text has none of it
     */
    abstract String reason(String status, String command, String lowerText);
}
