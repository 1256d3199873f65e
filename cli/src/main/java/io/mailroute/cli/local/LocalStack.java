package io.mailroute.cli.local;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.mailroute.connectors.s3.S3MailSourceConfig;
import io.mailroute.embedded.ConnectRestClient;
import io.mailroute.embedded.EmbeddedConnect;
import io.mailroute.embedded.EmbeddedKafka;
import io.mailroute.embedded.EmbeddedS3;
import io.mailroute.runtime.app.MailrouteApp;
import io.mailroute.runtime.client.ClientSettings;
import io.mailroute.runtime.client.LocalDefaults;
import io.mailroute.runtime.topics.TopicApplier;
import io.mailroute.schemas.registry.LocalSchemaRegistry;
import io.mailroute.schemas.registry.server.SchemaRegistryServer;
import io.mailroute.schemas.topics.TopicNames;
import java.io.IOException;
import java.io.InputStream;
import java.io.Writer;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayDeque;
import java.util.Deque;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Optional;
import java.util.Properties;
import java.util.function.Consumer;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.streams.StreamsConfig;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Everything of mailroute in one JVM, no Docker: a KRaft broker, the topics, the schema registry,
 * an S3 endpoint with the mail bucket, the default rules on {@code mail.rules}, a distributed
 * Connect worker running the S3 mail connector (and the Organizations connector when configured)
 * and the mail topology. Started in that order and closed in the reverse one; all state lives
 * under {@link LocalSettings#dataDir()}, so a restart (also after {@code kill -9}) carries on.
 */
public final class LocalStack implements AutoCloseable {
    public static final String S3_CONNECTOR = "s3-mail";
    /** Name the Organizations connector runs under when its config file gives none. */
    public static final String ORGANIZATIONS_CONNECTOR = "organizations";
    private static final String S3_CONNECTOR_RESOURCE = "/mailroute/connectors/s3-mail.json";
    private static final Duration CONNECTOR_TIMEOUT = Duration.ofSeconds(90);
    private static final String REGISTRY_URL_KEY = "schema.registry.url";
    private static final ObjectMapper JSON = new ObjectMapper();
    private static final Logger log = LoggerFactory.getLogger(LocalStack.class);

    private LocalSettings settings;
    private final Deque<AutoCloseable> started = new ArrayDeque<>();
    private EmbeddedKafka kafka;
    private SchemaRegistryServer registry;
    private EmbeddedS3 s3;
    private EmbeddedConnect connect;
    private MailrouteApp app;
    private ClientSettings client;
    private boolean closed;

    private final Map<String, String> appSettings;

    private LocalStack(final LocalSettings settings, final Map<String, String> appSettings) {
        this.settings = settings;
        this.appSettings = Map.copyOf(appSettings);
    }

    /**
     * Starts the stack; on failure whatever was started is closed again.
     *
     * @param progress told about each step, for the console
     */
    public static LocalStack start(final LocalSettings settings, final Consumer<String> progress) throws Exception {
        return start(settings, Map.of(), progress);
    }

    /**
     * Starts the stack with {@code appSettings} ({@code mailroute.*} or Streams keys) for the topology.
     *
     * @param progress told about each step, for the console
     */
    public static LocalStack start(final LocalSettings settings, final Map<String, String> appSettings,
                                   final Consumer<String> progress) throws Exception {
        final LocalStack stack = new LocalStack(settings, appSettings);
        try {
            stack.startAll(progress);
            return stack;
        } catch (Exception | Error e) {
            stack.close();
            throw e;
        }
    }

    private void startAll(final Consumer<String> progress) throws Exception {
        Files.createDirectories(settings.dataDir());
        settings = RememberedPorts.apply(settings);
        progress.accept("kafka: starting the KRaft broker in " + settings.kafkaDir());
        kafka = register(EmbeddedKafka.builder().dataDir(settings.kafkaDir()).host(settings.host())
                .port(settings.kafkaPort()).controllerPort(settings.controllerPort()).start());

        final TopicNames names = TopicNames.from(Map.of());
        try (Admin admin = kafka.createAdmin()) {
            final long created = new TopicApplier(admin).apply(TopicApplier.specs(names, settings.partitions(), (short) 1)).stream()
                    .filter(change -> change.action().equals("created")).count();
            progress.accept("topics: " + (created == 0 ? "all present" : created + " created"));
        }

        Files.createDirectories(settings.registryJournal().getParent());
        final LocalSchemaRegistry schemas = LocalSchemaRegistry.persistent(settings.registryJournal());
        register(schemas);
        registry = register(SchemaRegistryServer.start(schemas, settings.host(), settings.registryPort(), Optional.empty()));
        progress.accept("schema registry: " + schemas.subjects().size() + " subjects in " + settings.registryJournal());

        s3 = register(EmbeddedS3.builder().dataDir(settings.s3Dir()).host(settings.host()).port(settings.s3Port())
                .credentials(LocalDefaults.S3_ACCESS_KEY, LocalDefaults.S3_SECRET_KEY).start());
        s3.createBucket(LocalDefaults.BUCKET);
        progress.accept("s3: bucket " + LocalDefaults.BUCKET + " in " + settings.s3Dir());

        client = new ClientSettings(kafka.bootstrapServers(), registry.url(), s3.endpoint().toString(), LocalDefaults.BUCKET,
                EmbeddedS3.REGION.id(), ClientSettings.S3.connectionProperties(s3.settings()));
        final int published = new DefaultRulesPublisher(client).publishIfEmpty();
        progress.accept("rules: " + (published == 0 ? "mail.rules already holds rules; left as they are"
                : published + " default rules published to mail.rules"));

        final Path endpoints = writeEndpoints();
        // the REST API serves this machine only, and ${file:...} reads nothing outside the data directory:
        // no web page or connector config can read the S3 keys of another file through validate
        connect = register(EmbeddedConnect.builder().bootstrapServers(kafka.bootstrapServers()).host(settings.host())
                .restPort(settings.connectPort()).exactlyOnce(true)
                .loopbackRestOnly()
                .fileConfigProvider(settings.dataDir())
                .start());
        startConnectors(endpoints, progress);

        RememberedPorts.save(settings.dataDir(), kafka.port(), kafka.controllerPort(), registry.port(), s3.port(), connect.restPort());

        // one instance: after a kill -9 its tasks come back once the old member's session expires
        final Map<String, Object> overrides = new HashMap<>();
        overrides.put(StreamsConfig.mainConsumerPrefix(ConsumerConfig.SESSION_TIMEOUT_MS_CONFIG), "10000");
        overrides.putAll(appSettings);
        app = register(new MailrouteApp(MailrouteApp.settings(client, settings.streamsDir(), overrides)));
        progress.accept("topology: starting the streams (state in " + settings.streamsDir() + ")");
        app.start(MailrouteApp.DEFAULT_START_TIMEOUT);
    }

    /**
     * This start's endpoints and S3 keys, in a file the connector configs refer to through
     * Connect's FileConfigProvider: the stored configs stay the same when ports change, so tasks
     * restored by the worker never start against the endpoints of an earlier start, and the keys
     * stay out of Connect's config topic.
     */
    private Path writeEndpoints() throws IOException {
        final Properties endpoints = new Properties();
        endpoints.putAll(S3MailSourceConfig.S3.connectionProperties(s3.settings()));
        endpoints.setProperty(REGISTRY_URL_KEY, registry.url());
        final Path file = settings.dataDir().resolve("connect").resolve("endpoints.properties").toAbsolutePath();
        Files.createDirectories(file.getParent());
        try (Writer out = Files.newBufferedWriter(file, StandardCharsets.UTF_8)) {
            endpoints.store(out, "endpoints of this mailroute local start, for the connector configs");
        }
        return file;
    }

    private static String fromFile(final Path file, final String key) {
        return "${" + EmbeddedConnect.FILE_CONFIG_PROVIDER + ":" + file + ":" + key + "}";
    }

    private void startConnectors(final Path endpoints, final Consumer<String> progress) throws IOException {
        final Map<String, String> s3Mail = connectorConfig(readResource(S3_CONNECTOR_RESOURCE));
        s3Mail.put("s3.bucket", LocalDefaults.BUCKET);
        for (final String key : S3MailSourceConfig.S3.connectionProperties(s3.settings()).keySet()) {
            s3Mail.put(key, fromFile(endpoints, key));
        }
        s3Mail.put("schema.registry.url", fromFile(endpoints, REGISTRY_URL_KEY));
        submit(S3_CONNECTOR, s3Mail, Integer.parseInt(s3Mail.getOrDefault("tasks.max", "1")));
        progress.accept("connect: " + S3_CONNECTOR + " running");

        if (settings.organizationsConfig().isPresent()) {
            final Path file = settings.organizationsConfig().get();
            final JsonNode json = JSON.readTree(file.toFile());
            final String name = json.path("name").asText(ORGANIZATIONS_CONNECTOR);
            final Map<String, String> organizations = connectorConfig(json);
            organizations.putIfAbsent("schema.registry.url", fromFile(endpoints, REGISTRY_URL_KEY));
            submit(name, organizations, 1);
            progress.accept("connect: " + name + " running (config " + file + ")");
        } else if (connect.rest().connectors().contains(ORGANIZATIONS_CONNECTOR)) {
            // configured by an earlier start: without --organizations-config the sync stays off
            connect.rest().deleteConnector(ORGANIZATIONS_CONNECTOR);
            progress.accept("connect: " + ORGANIZATIONS_CONNECTOR + " removed (no --organizations-config)");
        }
    }

    /** Submits a connector config unless the worker has it already, and waits for its tasks. */
    private void submit(final String name, final Map<String, String> config, final int tasks) {
        final ConnectRestClient rest = connect.rest();
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

    private static JsonNode readResource(final String resource) throws IOException {
        try (InputStream in = LocalStack.class.getResourceAsStream(resource)) {
            if (in == null) {
                throw new IllegalStateException(resource + " is missing from the class path");
            }
            return JSON.readTree(in);
        }
    }

    /** The {@code config} object of a {@code {"name","config"}} connector file as a mutable map. */
    static Map<String, String> connectorConfig(final JsonNode file) {
        final JsonNode config = file.path("config");
        if (!config.isObject()) {
            throw new IllegalArgumentException("a connector file needs a \"config\" object");
        }
        final Map<String, String> map = new LinkedHashMap<>();
        config.properties().forEach(e -> map.put(e.getKey(), e.getValue().asText()));
        return map;
    }

    private <T extends AutoCloseable> T register(final T service) {
        started.push(service);
        return service;
    }

    /** Settings for clients of this stack (bootstrap servers, registry, S3 with its keys). */
    public ClientSettings client() {
        return client;
    }

    public MailrouteApp app() {
        return app;
    }

    public LocalSettings settings() {
        return settings;
    }

    /** Where each service answers, for the console. */
    public Map<String, String> urls() {
        final Map<String, String> urls = new LinkedHashMap<>();
        urls.put("kafka", kafka.bootstrapServers());
        urls.put("schema registry", registry.url());
        urls.put("s3", s3.endpoint() + " (bucket " + LocalDefaults.BUCKET + ", key " + s3.accessKey() + ")");
        urls.put("connect", connect.restUrl().toString());
        urls.put("data dir", settings.dataDir().toAbsolutePath().toString());
        return urls;
    }

    /** Stops everything, the last started first. */
    @Override
    public synchronized void close() {
        if (closed) {
            return;
        }
        closed = true;
        while (!started.isEmpty()) {
            final AutoCloseable service = started.pop();
            try {
                service.close();
            } catch (Exception e) {
                log.warn("Stopping {} failed", service.getClass().getSimpleName(), e);
            }
        }
    }
}
