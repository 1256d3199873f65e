package io.mailroute.loopback;

import java.util.Locale;
import java.util.Set;

/**
 * The {@code Host} header names that address this machine over loopback, with any port. A server
 * that answers only these cannot be reached by a web page through a DNS name rebound to 127.0.0.1:
 * the browser sends that name, not a loopback one.
 */
public final class LoopbackHosts {
    /** Host names (as {@link #hostName(String)} gives them) of the loopback interface. */
    public static final Set<String> NAMES = Set.of("localhost", "127.0.0.1", "[::1]", "::1");

    private LoopbackHosts() {}

    /** True when the {@code Host} header {@code hostHeader} names the loopback interface; false for null. */
    public static boolean isLoopback(final String hostHeader) {
        return hostHeader != null && NAMES.contains(hostName(hostHeader));
    }

    /** The host part of a Host header ({@code name[:port]}, {@code [v6][:port]}), lower-cased. */
    public static String hostName(final String hostHeader) {
        final String host = hostHeader.trim().toLowerCase(Locale.ROOT);
        if (host.startsWith("[")) {
            final int end = host.indexOf(']');
            return end < 0 ? host : host.substring(0, end + 1);
        }
        final int colon = host.indexOf(':');
        return colon < 0 ? host : host.substring(0, colon);
    }
}
