package io.mailroute.embedded;

import io.mailroute.loopback.LoopbackHosts;
import jakarta.ws.rs.container.ContainerRequestContext;
import jakarta.ws.rs.container.ContainerRequestFilter;
import jakarta.ws.rs.container.PreMatching;
import jakarta.ws.rs.core.HttpHeaders;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;
import java.util.Set;

/**
 * Refuses, before any resource matches, a request whose {@code Host} header names none of the
 * allowed hosts (or is missing): 403 with Connect's JSON error shape. The refused name is not echoed.
 */
@PreMatching
public final class HostFilter implements ContainerRequestFilter {
    private static final String REFUSAL =
            "{\"error_code\":403,\"message\":\"this worker answers to loopback host names only\"}";

    private final Set<String> allowed;

    /** @param allowed host names as {@link LoopbackHosts#hostName(String)} gives them */
    public HostFilter(final Set<String> allowed) {
        this.allowed = Set.copyOf(allowed);
    }

    @Override
    public void filter(final ContainerRequestContext request) {
        final String host = request.getHeaderString(HttpHeaders.HOST);
        if (host == null || !allowed.contains(LoopbackHosts.hostName(host))) {
            request.abortWith(Response.status(Response.Status.FORBIDDEN)
                    .type(MediaType.APPLICATION_JSON_TYPE)
                    .entity(REFUSAL)
                    .build());
        }
    }
}
