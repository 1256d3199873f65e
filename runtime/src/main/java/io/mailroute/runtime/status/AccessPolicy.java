package io.mailroute.runtime.status;

import io.mailroute.loopback.LoopbackHosts;
import java.net.InetAddress;
import java.net.URI;
import java.net.URISyntaxException;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.util.Locale;
import java.util.Optional;

/**
 * Who may do what on the status server. Reading (GET) is open. State-changing calls (POST)
 * <ul>
 *   <li>need {@code Authorization: Bearer <token>} whenever a token is configured, and a token is
 *       mandatory when the server is bound to anything but a loopback address;</li>
 *   <li>are refused when a browser sends them from another origin (cross-site request forgery).</li>
 * </ul>
 * A loopback-bound server also refuses requests whose {@code Host} is not a loopback name, so that a
 * web page cannot reach it through a rebound DNS name.
 */
final class AccessPolicy {
    private static final String BEARER = "bearer ";

    private final boolean loopback;
    private final byte[] token;

    private AccessPolicy(final boolean loopback, final byte[] token) {
        this.loopback = loopback;
        this.token = token;
    }

    /**
     * The policy for a server bound to {@code address}.
     *
     * @param token the bearer token for state-changing calls; null or blank for none
     * @throws IllegalArgumentException when {@code address} is not a loopback address and there is no token
     */
    static AccessPolicy forBinding(final InetAddress address, final String token) {
        final boolean hasToken = token != null && !token.isBlank();
        if (!address.isLoopbackAddress() && !hasToken) {
            throw new IllegalArgumentException(
                    "the status server binds " + address.getHostAddress()
                            + ", which is not a loopback address: configure a token for state-changing calls, or bind 127.0.0.1");
        }
        return new AccessPolicy(address.isLoopbackAddress(), hasToken ? token.getBytes(StandardCharsets.UTF_8) : null);
    }

    /** True when state-changing calls must carry the bearer token. */
    boolean tokenRequired() {
        return token != null;
    }

    /** The refusal for {@code request}, or empty when it may proceed. */
    Optional<ApiResponse> refusal(final ApiRequest request) {
        final String host = request.header("host").orElse("");
        if (loopback && !LoopbackHosts.isLoopback(host)) {
            return Optional.of(
                    ApiResponse.error(403, "this server answers to loopback host names only, not '" + host + "'"));
        }
        if (!request.changesState()) {
            return Optional.empty();
        }
        final Optional<String> origin = request.header("origin");
        if (origin.isPresent() && !sameOrigin(origin.get(), host)) {
            return Optional.of(ApiResponse.error(403, "cross-origin request refused"));
        }
        if (token != null && !bearerMatches(request.header("authorization"))) {
            return Optional.of(ApiResponse.error(401, "this call needs 'Authorization: Bearer <token>'")
                    .withHeader("WWW-Authenticate", "Bearer realm=\"mailroute\""));
        }
        return Optional.empty();
    }

    private boolean bearerMatches(final Optional<String> authorization) {
        if (authorization.isEmpty()
                || !authorization.get().toLowerCase(Locale.ROOT).startsWith(BEARER)) {
            return false;
        }
        final byte[] given =
                authorization.get().substring(BEARER.length()).trim().getBytes(StandardCharsets.UTF_8);
        return MessageDigest.isEqual(given, token); // constant time: the token must not leak through timing
    }

    private static boolean sameOrigin(final String origin, final String hostHeader) {
        try {
            final URI uri = new URI(origin);
            final String authority = uri.getRawAuthority();
            return "http".equalsIgnoreCase(uri.getScheme())
                    && authority != null
                    && authority.equalsIgnoreCase(hostHeader.trim());
        } catch (URISyntaxException e) {
            return false;
        }
    }
}
