package io.mailroute.stack;

import io.mailroute.embedded.ConnectRestClient;
import io.mailroute.runtime.client.LocalDefaults;
import java.io.IOException;
import java.nio.file.Path;
import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ExecutionException;
import java.util.function.Consumer;
import org.apache.kafka.clients.CommonClientConfigs;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.NewTopic;
import org.apache.kafka.common.errors.TopicExistsException;

/**
 * The connectors of a stack's Connect worker, configured from the connector files users submit:
 * each is submitted unless the worker has it with the same config already, and awaited until its
 * tasks run. Endpoints and keys come from {@link ConnectEndpoints}.
 */
final class StackConnectors {
    private static final Duration CONNECTOR_TIMEOUT = Duration.ofSeconds(90);
    private static final String DEAD_LETTER_TOPIC_KEY = "errors.deadletterqueue.topic.name";

    private final ConnectRestClient rest;
    private final ConnectEndpoints endpoints;
    private final Consumer<String> progress;
    private final String bootstrapServers;
    private final int partitions;

    /** {@code bootstrapServers} and {@code partitions}: where and how the sinks' dead-letter topics are created. */
    StackConnectors(
            final ConnectRestClient rest,
            final ConnectEndpoints endpoints,
            final Consumer<String> progress,
            final String bootstrapServers,
            final int partitions) {
        this.rest = rest;
        this.endpoints = endpoints;
        this.progress = progress;
        this.bootstrapServers = bootstrapServers;
        this.partitions = partitions;
    }

    /**
     * Runs the mail source as {@link LocalMailSource} configures it on the stack's bucket and endpoints, with
     * {@code overrides}; with {@code notifications}, reading the stack's queue of the bucket's notifications.
     */
    void s3Mail(final Map<String, String> overrides, final boolean notifications) throws IOException {
        final LocalMailSource source =
                notifications ? LocalMailSource.shipped().withNotifications() : LocalMailSource.shipped();
        final Map<String, String> config =
                source.config(LocalDefaults.BUCKET, endpoints.references(LocalMailSource::endpointKey));
        config.putAll(overrides);
        submit(source.name(), config, source.tasks());
        progress.accept("connect: " + source.name() + " running");
    }

    /**
     * Runs each sink connector of {@code wanted} from its {@code ops/connectors/<name>.json}, the
     * endpoints the file names being this start's, with the overrides given for it; removes the
     * other sinks of {@link SinkConnectors#NAMES} that an earlier start on the same data directory
     * configured, so that a sink runs only while asked for.
     */
    void sinks(final Map<String, Map<String, String>> wanted) throws IOException, InterruptedException {
        for (final String name : SinkConnectors.NAMES) {
            final Map<String, String> overrides = wanted.get(name);
            if (overrides != null) {
                final ConnectorFile file = ConnectorFile.shipped(name);
                final Map<String, String> config = file.config();
                config.putAll(endpoints.references(config::containsKey));
                config.putAll(overrides);
                createDeadLetterTopic(config.get(DEAD_LETTER_TOPIC_KEY));
                submit(file.name(), config, file.tasks());
                progress.accept("connect: " + file.name() + " running");
            } else if (rest.connectors().contains(name)) {
                rest.deleteConnector(name);
                progress.accept("connect: " + name + " removed (not asked for on this start)");
            }
        }
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
                            endpoints
                                    .references(ConnectEndpoints.REGISTRY_URL_KEY::equals)
                                    .get(ConnectEndpoints.REGISTRY_URL_KEY));
            submit(organizations.name(), organizations.config(), 1);
            progress.accept("connect: " + organizations.name() + " running (config " + file.get() + ")");
        } else if (rest.connectors().contains(MailrouteStack.ORGANIZATIONS_CONNECTOR)) {
            rest.deleteConnector(MailrouteStack.ORGANIZATIONS_CONNECTOR);
            progress.accept(
                    "connect: " + MailrouteStack.ORGANIZATIONS_CONNECTOR + " removed (no --organizations-config)");
        }
    }

    /** Creates a sink's dead-letter topic where missing, which Connect would otherwise create logging an error. */
    private void createDeadLetterTopic(final String topic) throws InterruptedException {
        if (topic == null || topic.isBlank()) {
            return;
        }
        try (Admin admin = Admin.create(Map.of(CommonClientConfigs.BOOTSTRAP_SERVERS_CONFIG, bootstrapServers))) {
            if (!admin.listTopics().names().get().contains(topic)) {
                admin.createTopics(List.of(new NewTopic(topic, partitions, (short) 1)))
                        .all()
                        .get();
            }
        } catch (ExecutionException e) {
            if (!(e.getCause() instanceof TopicExistsException)) {
                throw new IllegalStateException("cannot create the dead-letter topic " + topic, e.getCause());
            }
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
