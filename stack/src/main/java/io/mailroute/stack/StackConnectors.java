package io.mailroute.stack;

import io.mailroute.embedded.ConnectRestClient;
import io.mailroute.runtime.client.LocalDefaults;
import java.io.IOException;
import java.nio.file.Path;
import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Optional;
import java.util.function.Consumer;

/**
 * The connectors of a stack's Connect worker, configured from the connector files users submit:
 * each is submitted unless the worker has it with the same config already, and awaited until its
 * tasks run. Endpoints and keys come from {@link ConnectEndpoints}.
 */
final class StackConnectors {
    private static final Duration CONNECTOR_TIMEOUT = Duration.ofSeconds(90);

    private final ConnectRestClient rest;
    private final ConnectEndpoints endpoints;
    private final Consumer<String> progress;

    StackConnectors(final ConnectRestClient rest, final ConnectEndpoints endpoints, final Consumer<String> progress) {
        this.rest = rest;
        this.endpoints = endpoints;
        this.progress = progress;
    }

    /** Runs {@code ops/connectors/s3-mail.json} on the stack's bucket and endpoints, with {@code overrides}. */
    void s3Mail(final Map<String, String> overrides) throws IOException {
        final ConnectorFile file = ConnectorFile.s3Mail();
        final Map<String, String> config = file.config();
        config.put("s3.bucket", LocalDefaults.BUCKET);
        config.putAll(endpoints.references());
        config.putAll(overrides);
        submit(file.name(), config, file.tasks());
        progress.accept("connect: " + file.name() + " running");
    }

    /**
     * Runs the Organizations connector of {@code file}; without one, removes the connector an
     * earlier start on the same data directory configured, so that the sync stays off.
     */
    void organizations(final Optional<Path> file) throws IOException {
        if (file.isPresent()) {
            final ConnectorFile organizations = ConnectorFile.read(file.get(), MailrouteStack.ORGANIZATIONS_CONNECTOR);
            organizations
                    .config()
                    .putIfAbsent(
                            ConnectEndpoints.REGISTRY_URL_KEY,
                            endpoints.references().get(ConnectEndpoints.REGISTRY_URL_KEY));
            submit(organizations.name(), organizations.config(), 1);
            progress.accept("connect: " + organizations.name() + " running (config " + file.get() + ")");
        } else if (rest.connectors().contains(MailrouteStack.ORGANIZATIONS_CONNECTOR)) {
            rest.deleteConnector(MailrouteStack.ORGANIZATIONS_CONNECTOR);
            progress.accept(
                    "connect: " + MailrouteStack.ORGANIZATIONS_CONNECTOR + " removed (no --organizations-config)");
        }
    }

    private void submit(final String name, final Map<String, String> config, final int tasks) {
        final Map<String, String> current = new LinkedHashMap<>();
        if (rest.connectors().contains(name)) {
            current.putAll(rest.connectorConfig(name));
            current.remove("name");
        }
        if (!current.equals(config)) {
            rest.putConnectorConfig(name, config);
        }
        rest.awaitRunning(name, tasks, CONNECTOR_TIMEOUT);
    }
}
