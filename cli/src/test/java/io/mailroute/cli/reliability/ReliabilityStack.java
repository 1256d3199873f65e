package io.mailroute.cli.reliability;

import io.mailroute.cli.Mailroute;
import io.mailroute.cli.bench.GeneratedMail;
import io.mailroute.connectors.s3.S3MailSourceConfig;
import io.mailroute.embedded.ChildJvm;
import io.mailroute.embedded.EmbeddedS3;
import io.mailroute.embedded.Ports;
import io.mailroute.runtime.client.ClientSettings;
import io.mailroute.runtime.client.LocalDefaults;
import io.mailroute.runtime.topics.TopicApplier;
import io.mailroute.schemas.registry.LocalSchemaRegistry;
import io.mailroute.schemas.registry.server.SchemaRegistryServer;
import io.mailroute.schemas.topics.TopicNames;
import io.mailroute.stack.BrokerMain;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.io.Writer;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Properties;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.common.Uuid;

/**
 * The pipeline as separate processes, so each can be killed on its own: S3 (S3Proxy) and the
 * schema registry in the test JVM; the KRaft broker, the Connect worker (S3 mail source,
 * exactly-once) and the mailroute app ({@code mailroute run}) each in a child JVM, all on data
 * under one directory that survives the kills.
 */
final class ReliabilityStack implements AutoCloseable {
    static final String CONNECTOR = "s3-mail";
    private static final Duration START_TIMEOUT = Duration.ofMinutes(3);

    private final Path dir;
    private final EmbeddedS3 s3;
    private final SchemaRegistryServer registry;
    private final ChildJvm broker;
    private final ChildJvm connect;
    private final ChildJvm app;
    private final ClientSettings client;

    ReliabilityStack(final Path dir) throws IOException {
        this.dir = dir;
        final int kafkaPort = Ports.free();
        final int controllerPort = Ports.free();
        s3 = EmbeddedS3.builder().port(0).dataDir(dir.resolve("s3")).start();
        s3.createBucket(LocalDefaults.BUCKET);
        registry = SchemaRegistryServer.start(
                LocalSchemaRegistry.persistent(dir.resolve("registry.journal")), "127.0.0.1", 0, Optional.empty());
        final String bootstrap = "127.0.0.1:" + kafkaPort;
        client = new ClientSettings(
                bootstrap,
                registry.url(),
                s3.endpoint().toString(),
                LocalDefaults.BUCKET,
                "us-east-1",
                ClientSettings.S3.connectionProperties(s3.settings()));
        broker = child("broker", "768m", BrokerMain.class, BrokerMain.READY)
                .args(
                        dir.resolve("kafka").toString(),
                        "127.0.0.1",
                        String.valueOf(kafkaPort),
                        "1",
                        Uuid.randomUuid().toString(),
                        "1:" + controllerPort)
                .build();
        connect = child("connect", "512m", ConnectMain.class, ConnectMain.READY)
                .args(
                        bootstrap,
                        String.valueOf(Ports.free()),
                        CONNECTOR,
                        write("s3-mail.properties", connectorConfig()).toString())
                .build();
        app = child("app", "768m", Mailroute.class, "mailroute run ready")
                .args(List.of(
                        "run",
                        "--bootstrap-server",
                        bootstrap,
                        "--schema-registry",
                        registry.url(),
                        "--s3-endpoint",
                        s3.endpoint().toString(),
                        "--config",
                        write("app.properties", ClientSettings.S3.connectionProperties(s3.settings()))
                                .toString(),
                        "--state-dir",
                        dir.resolve("app-state").toString()))
                .build();
    }

    private static ChildJvm.Builder child(
            final String name, final String heap, final Class<?> mainClass, final String readyMarker) {
        return ChildJvm.builder(name, mainClass, readyMarker)
                .heap(heap)
                .jvmOption("-Dlog4j2.configurationFile=log4j2-child.xml");
    }

    /** Starts the broker, creates the topics, then starts Connect and the app. */
    ReliabilityStack start() throws Exception {
        startBroker();
        try (Admin admin = Admin.create(client.admin())) {
            new TopicApplier(admin).apply(TopicApplier.specs(TopicNames.from(Map.of()), 2, (short) 1));
        }
        startConnect();
        startApp();
        return this;
    }

    void startBroker() throws IOException, InterruptedException {
        broker.start(START_TIMEOUT);
    }

    void startConnect() throws IOException, InterruptedException {
        connect.start(START_TIMEOUT);
    }

    void startApp() throws IOException, InterruptedException {
        app.start(START_TIMEOUT);
    }

    ChildJvm broker() {
        return broker;
    }

    ChildJvm connect() {
        return connect;
    }

    ChildJvm app() {
        return app;
    }

    ClientSettings client() {
        return client;
    }

    /** A feeder uploading {@code mails} to this stack's bucket at {@code perSecond}. */
    MailFeeder feeder(final List<GeneratedMail> mails, final int perSecond) {
        return new MailFeeder(client.s3(), mails, perSecond);
    }

    /** The output of every child, for a failure message. */
    String childOutput() {
        return "--- broker ---\n" + String.join("\n", broker.output())
                + "\n--- connect ---\n" + String.join("\n", connect.output())
                + "\n--- app ---\n" + String.join("\n", app.output());
    }

    @Override
    public void close() {
        app.close();
        connect.close();
        broker.close();
        registry.close();
        s3.close();
    }

    private Map<String, String> connectorConfig() {
        final Map<String, String> config = new HashMap<>(S3MailSourceConfig.S3.connectionProperties(s3.settings()));
        config.putAll(Map.ofEntries(
                Map.entry("connector.class", "io.mailroute.connectors.s3.S3MailSourceConnector"),
                Map.entry("tasks.max", "2"),
                Map.entry("s3.bucket", LocalDefaults.BUCKET),
                Map.entry("s3.prefix", LocalDefaults.PREFIX),
                Map.entry("topic", "mail.raw"),
                Map.entry("dlq.topic", "mail.dlq"),
                Map.entry("after.read", "move"),
                Map.entry("poll.interval.ms", "500"),
                Map.entry("exactly.once.support", "required"),
                Map.entry("producer.override.max.request.size", "2097152"),
                Map.entry("schema.registry.url", registry.url()),
                Map.entry("key.converter", "org.apache.kafka.connect.storage.StringConverter"),
                Map.entry("value.converter", "org.apache.kafka.connect.converters.ByteArrayConverter")));
        return config;
    }

    private Path write(final String name, final Map<String, String> entries) {
        final Properties properties = new Properties();
        properties.putAll(entries);
        final Path file = dir.resolve(name);
        try (Writer out = Files.newBufferedWriter(file)) {
            properties.store(out, null);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return file;
    }
}
