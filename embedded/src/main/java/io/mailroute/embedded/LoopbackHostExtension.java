package io.mailroute.embedded;

import io.mailroute.loopback.LoopbackHosts;
import java.net.URI;
import java.util.HashSet;
import java.util.Map;
import java.util.Set;
import org.apache.kafka.common.utils.AppInfoParser;
import org.apache.kafka.connect.rest.ConnectRestExtension;
import org.apache.kafka.connect.rest.ConnectRestExtensionContext;

/**
 * A Connect REST extension for a worker that serves this machine only: every request whose
 * {@code Host} header is not a loopback name ({@link LoopbackHosts}) or the worker's own listener
 * host is answered 403 before it reaches a resource. So a web page cannot drive the REST API
 * through a DNS name rebound to 127.0.0.1 (and read connector configs or run {@code validate}).
 * Load it with the worker setting {@code rest.extension.classes}.
 */
public final class LoopbackHostExtension implements ConnectRestExtension {
    private Set<String> allowed = LoopbackHosts.NAMES;

    @Override
    public void configure(final Map<String, ?> workerConfig) {
        allowed = allowedHosts(workerConfig);
    }

    /** The loopback names and the host of each of the worker's {@code listeners} (the names its own clients use). */
    static Set<String> allowedHosts(final Map<String, ?> workerConfig) {
        final Set<String> hosts = new HashSet<>(LoopbackHosts.NAMES);
        final Object listeners = workerConfig.get("listeners");
        if (listeners != null) {
            for (final String listener : listeners.toString().split(",")) {
                final String host = URI.create(listener.trim()).getHost();
                if (host != null) {
                    hosts.add(LoopbackHosts.hostName(host));
                }
            }
        }
        return Set.copyOf(hosts);
    }

    @Override
    public void register(final ConnectRestExtensionContext context) {
        context.configurable().register(new HostFilter(allowed));
    }

    @Override
    public String version() {
        return AppInfoParser.getVersion();
    }

    @Override
    public void close() {
        // nothing held
    }
}
