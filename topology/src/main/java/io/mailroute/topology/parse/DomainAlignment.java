package io.mailroute.topology.parse;

import com.google.common.net.InternetDomainName;

/**
 * Relaxed identifier alignment as DMARC defines it (RFC 7489, 3.1): two domains are aligned when
 * they have the same organizational domain, the name one label below a public suffix of the
 * Public Suffix List ({@code mail.amazon.com} and {@code amazon.com}; {@code a.github.io} and
 * {@code b.github.io} are not). Domains under no public suffix ({@code localhost},
 * {@code example.test}) align only with themselves. Takes normalized names ({@link DomainName}).
 */
public final class DomainAlignment {
    private DomainAlignment() {}

    /** True when both domains are known and aligned. */
    public static boolean aligned(final String domain, final String other) {
        if (domain == null || other == null) {
            return false;
        }
        if (domain.equals(other)) {
            return true;
        }
        final String organizational = organizational(domain);
        return organizational != null && organizational.equals(organizational(other));
    }

    /** The organizational domain of a normalized domain, or null when it is under no public suffix. */
    public static String organizational(final String domain) {
        if (domain == null) {
            return null;
        }
        try {
            final InternetDomainName name = InternetDomainName.from(domain);
            return name.isUnderPublicSuffix() ? name.topPrivateDomain().toString() : null;
        } catch (IllegalArgumentException | IllegalStateException notADomain) {
            return null;
        }
    }
}
