package io.mailroute.topology.parse;

import com.google.common.net.InternetDomainName;
import java.net.IDN;
import java.util.Locale;

/**
 * Host names as mail headers give them, made comparable: lower case, IDNA ASCII, without the
 * trailing dot. Anything that is no valid host name (a domain literal, a label over 63 or a name
 * over 253 characters, a hostile From with thousands of labels) has no normal form, so that it can
 * never be aligned with anything. Never throws.
 */
public final class DomainName {
    /** The longest host name DNS allows, in ASCII. */
    private static final int MAX_LENGTH = 253;

    private DomainName() {}

    /** The normal form of {@code name}, or null when it is no valid host name. */
    public static String normalize(final String name) {
        if (name == null) {
            return null;
        }
        String host = name.strip();
        if (host.endsWith(".")) {
            host = host.substring(0, host.length() - 1);
        }
        // a Unicode name is never shorter in ASCII: longer ones fail before any IDNA work
        if (host.isEmpty() || host.length() > MAX_LENGTH) {
            return null;
        }
        final String ascii = toAscii(host);
        return ascii != null && ascii.length() <= MAX_LENGTH && InternetDomainName.isValid(ascii) ? ascii : null;
    }

    /** The domain of an address or of a bare domain: what follows the last {@code @}, normalized. */
    public static String ofAddress(final String address) {
        if (address == null) {
            return null;
        }
        final int at = address.lastIndexOf('@');
        return normalize(at < 0 ? address : address.substring(at + 1));
    }

    private static String toAscii(final String host) {
        for (int i = 0; i < host.length(); i++) {
            if (host.charAt(i) >= 0x80) {
                try {
                    return IDN.toASCII(host).toLowerCase(Locale.ROOT);
                } catch (IllegalArgumentException notIdna) {
                    return null;
                }
            }
        }
        return host.toLowerCase(Locale.ROOT);
    }
}
