package io.mailroute.embedded;

import java.net.URI;
import java.util.List;
import java.util.Map;
import org.apache.kafka.connect.cli.ConnectDistributed;
import org.apache.kafka.connect.connector.policy.ConnectorClientConfigOverridePolicy;
import org.apache.kafka.connect.runtime.Connect;
import org.apache.kafka.connect.runtime.WorkerConfig;
import org.apache.kafka.connect.runtime.distributed.DistributedConfig;
import org.apache.kafka.connect.runtime.distributed.DistributedHerder;
import org.apache.kafka.connect.runtime.isolation.Plugins;
import org.apache.kafka.connect.runtime.rest.ConnectRestServer;
import org.apache.kafka.connect.runtime.rest.RestClient;

/**
 * Starts a distributed Connect worker the way {@link ConnectDistributed#startConnect(Map)} does
 * (plugins, config, REST server, herder with Kafka-backed config/offset/status stores), reusing
 * its {@code createHerder}, but throws on failure instead of calling {@code Exit.exit(3)} and
 * restores the caller's context class loader afterwards.
 */
final class DistributedWorker extends ConnectDistributed {

    /** Starts a worker; the herder joins its group in the background. */
    Connect<DistributedHerder> start(final Map<String, String> workerProps) {
        final Plugins plugins = new Plugins(workerProps);
        // the herder's threads are created under the delegating loader, as in ConnectDistributed
        final ClassLoader callerLoader = plugins.compareAndSwapWithDelegatingLoader();
        ConnectRestServer restServer = null;
        try {
            final DistributedConfig config = createConfig(workerProps);
            final RestClient restClient = new RestClient(config);
            restServer = new ConnectRestServer(config.rebalanceTimeout(), restClient, config.originals());
            restServer.initializeServer();
            final URI advertisedUrl = restServer.advertisedUrl();
            final String workerId = advertisedUrl.getHost() + ":" + advertisedUrl.getPort();
            // newPlugins(..) is newPlugin(String, AbstractConfig, Class) per name; calling it avoids
            // compiling against newPlugin's overloads that take maven-artifact's VersionRange
            final ConnectorClientConfigOverridePolicy overridePolicy = plugins.newPlugins(
                            List.of(config.getString(WorkerConfig.CONNECTOR_CLIENT_POLICY_CLASS_CONFIG)),
                            config,
                            ConnectorClientConfigOverridePolicy.class)
                    .get(0);
            final DistributedHerder herder =
                    createHerder(config, workerId, plugins, overridePolicy, restServer, restClient);
            final Connect<DistributedHerder> connect = new Connect<>(herder, restServer);
            restServer = null; // from here on connect.stop() stops it
            try {
                connect.start();
            } catch (RuntimeException e) {
                connect.stop();
                throw e;
            }
            return connect;
        } catch (RuntimeException e) {
            if (restServer != null) {
                restServer.stop();
            }
            throw e;
        } finally {
            Plugins.compareAndSwapLoaders(callerLoader);
        }
    }
}
