package io.mailroute.runtime.status;

import static org.awaitility.Awaitility.await;

import io.mailroute.avro.AccountMapping;
import io.mailroute.avro.AccountStatus;
import io.mailroute.avro.RawMail;
import io.mailroute.avro.Storage;
import io.mailroute.embedded.EmbeddedKafka;
import io.mailroute.runtime.client.ClientSettings;
import io.mailroute.runtime.client.TopicReader;
import io.mailroute.runtime.topics.TopicApplier;
import io.mailroute.schemas.registry.SchemaRegistryClients;
import io.mailroute.schemas.topics.MailTopics;
import io.mailroute.schemas.topics.Topic;
import io.mailroute.schemas.topics.TopicNames;
import io.mailroute.topology.MailStreamsConfig;
import io.mailroute.topology.MailTopology;
import io.mailroute.topology.TopologyServices;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.net.ServerSocket;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.ByteBuffer;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.time.Duration;
import java.time.Instant;
import java.util.Comparator;
import java.util.HashMap;
import java.util.HexFormat;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.serialization.StringSerializer;
import org.apache.kafka.streams.CloseOptions;
import org.apache.kafka.streams.KafkaStreams;
import org.apache.kafka.streams.StreamsConfig;
import org.apache.kafka.streams.Topology;
import org.junit.jupiter.api.extension.ExtensionContext;
import org.junit.jupiter.api.extension.ParameterContext;
import org.junit.jupiter.api.extension.ParameterResolver;

/**
 * One real stack for the status server's integration tests, shared by every test class of a run:
 * an in-process KRaft broker with the mailroute topics, {@code MailTopology} in a real
 * {@link KafkaStreams} (exactly-once, {@code mock://} registry scope, {@code application.server}
 * naming the status server), the status server bound to 0.0.0.0 with a token, and the mails of {@code src/test/resources/status} fed as inline
 * {@code RawMail} records with one account mapping.
 */
final class StatusStack implements AutoCloseable {
    /** Tag of the tests that use the stack: failsafe runs them, surefire leaves them out (see the parent pom.xml). */
    static final String INTEGRATION = "integration";

    static final String TOKEN = "it-status-token";
    /** Must never appear in a response. */
    static final String S3_SECRET = "it-s3-secret-never-shown";

    static final String ROOT_ADDRESS = "aws-root@example.co.jp";
    static final String ACCOUNT_ID = "123456789012";
    /** How long the status server lets a client take to send its request. */
    static final Duration CLIENT_TIME = Duration.ofSeconds(2);

    static final List<String> MAILS =
            List.of("aws-billing.eml", "aws-support-case.eml", "newsletter.eml", "not-a-mail.eml", "broken-upload.eml");
    private static final String SHARED = "status-stack";

    final EmbeddedKafka kafka;
    final Path stateDir;
    final ClientSettings clients;
    final MailTopics topics;
    final Map<String, Object> streamsSettings;
    final KafkaStreams streams;
    final StatusServer server;
    private final String scope;
    final HttpClient http =
            HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5)).build();

    /**
     * A stack of its own; the registry scope and the application id are {@code name}.
     */
    StatusStack(final String name) throws Exception {
        scope = name;
        kafka = EmbeddedKafka.builder().start();
        stateDir = Files.createTempDirectory("mailroute-status-it-");
        final Map<String, String> extra = ClientSettings.S3
                .setter(new HashMap<>())
                .credentials("it-access-key", S3_SECRET)
                .props();
        extra.put("schema.registry.url", "mock://" + scope);
        clients = new ClientSettings(
                kafka.bootstrapServers(), "mock://" + scope, "http://127.0.0.1:9", "mail-inbound", "us-east-1", extra);
        topics = clients.topics(clients.registry());
        try (Admin admin = kafka.createAdmin()) {
            new TopicApplier(admin).apply(TopicApplier.specs(TopicNames.defaults(), 2, (short) 1));
        }
        send(
                topics.accounts(),
                ACCOUNT_ID,
                AccountMapping.newBuilder()
                        .setAccountId(ACCOUNT_ID)
                        .setEmail(ROOT_ADDRESS)
                        .setName("Prod")
                        .setStatus(AccountStatus.ACTIVE)
                        .setSource("test")
                        .setSyncedAt(Instant.now())
                        .build());

        final Map<String, Object> settings = new HashMap<>();
        settings.put(StreamsConfig.APPLICATION_ID_CONFIG, name);
        settings.put(StreamsConfig.BOOTSTRAP_SERVERS_CONFIG, kafka.bootstrapServers());
        settings.put(StreamsConfig.STATE_DIR_CONFIG, stateDir.toString());
        settings.put(StreamsConfig.COMMIT_INTERVAL_MS_CONFIG, 100);
        settings.put("schema.registry.url", "mock://" + scope);
        streamsSettings = Map.copyOf(settings);
        // the instance advertises its status server, so status lookups go through the key's metadata
        final int statusPort = freePort();
        final Topology topology = MailTopology.build(settings, topics, TopologyServices.inlineOnly());
        streams = member("127.0.0.1:" + statusPort, stateDir);
        streams.start();
        await().atMost(Duration.ofSeconds(60)).until(() -> streams.state() == KafkaStreams.State.RUNNING);

        server = StatusServer.start(
                StatusServer.Settings.local()
                        .withBinding("0.0.0.0", statusPort)
                        .withToken(TOKEN)
                        .withClientTime(CLIENT_TIME),
                streams,
                topology.describe(),
                clients);
        for (final String mail : MAILS) {
            send(topics.raw(), mail, inline(mail, resource(mail)));
        }
    }

    /** One more (unstarted) instance of the application, advertising {@code applicationServer}. */
    KafkaStreams member(final String applicationServer, final Path memberStateDir) {
        final Map<String, Object> settings = new HashMap<>(streamsSettings);
        settings.put(StreamsConfig.STATE_DIR_CONFIG, memberStateDir.toString());
        settings.put(StreamsConfig.APPLICATION_SERVER_CONFIG, applicationServer);
        return new KafkaStreams(
                MailTopology.build(settings, topics, TopologyServices.inlineOnly()),
                MailStreamsConfig.properties(settings));
    }

    /** The stack of this test run, started by the first test class that asks for it, closed when the run ends. */
    static final class Resolver implements ParameterResolver {
        @Override
        public boolean supportsParameter(final ParameterContext parameter, final ExtensionContext context) {
            return parameter.getParameter().getType() == StatusStack.class;
        }

        @Override
        public Object resolveParameter(final ParameterContext parameter, final ExtensionContext context) {
            return context.getRoot()
                    .getStore(ExtensionContext.Namespace.GLOBAL)
                    .getOrComputeIfAbsent(StatusStack.class, type -> start(), StatusStack.class);
        }

        private static StatusStack start() {
            try {
                return new StatusStack(SHARED);
            } catch (Exception e) {
                throw new IllegalStateException("the status test stack did not start: " + e.getMessage(), e);
            }
        }
    }

    URI uri(final String path) {
        return server.uri().resolve(path);
    }

    HttpResponse<String> get(final String path) throws IOException, InterruptedException {
        return http.send(
                HttpRequest.newBuilder(uri(path))
                        .timeout(Duration.ofSeconds(30))
                        .GET()
                        .build(),
                HttpResponse.BodyHandlers.ofString());
    }

    HttpResponse<String> post(final String path, final String token) throws IOException, InterruptedException {
        final HttpRequest.Builder request = HttpRequest.newBuilder(uri(path))
                .timeout(Duration.ofSeconds(60))
                .POST(HttpRequest.BodyPublishers.noBody());
        if (token != null) {
            request.header("Authorization", "Bearer " + token);
        }
        return http.send(request.build(), HttpResponse.BodyHandlers.ofString());
    }

    /** Every record of {@code topic} under {@code key}, in order. */
    <V> List<TopicReader.Entry<V>> records(final Topic<String, V> topic, final String key) {
        return new TopicReader(clients).readAll(topic, key::equals, Duration.ofSeconds(30));
    }

    <V> void send(final Topic<String, V> topic, final String key, final V value) {
        final Map<String, Object> props = new HashMap<>(kafka.clientConfig());
        props.put(ProducerConfig.ACKS_CONFIG, "all");
        try (KafkaProducer<String, V> producer = new KafkaProducer<>(
                props, new StringSerializer(), topic.valueSerde().serializer())) {
            producer.send(new ProducerRecord<>(topic.name(), key, value)).get();
        } catch (Exception e) {
            throw new IllegalStateException("cannot write to " + topic.name() + ": " + e.getMessage(), e);
        }
    }

    static int freePort() throws IOException {
        try (ServerSocket socket = new ServerSocket(0)) {
            return socket.getLocalPort();
        }
    }

    /** An inline raw mail as the S3 connector writes it. */
    static RawMail inline(final String mailId, final byte[] bytes) throws Exception {
        final Instant now = Instant.now();
        return RawMail.newBuilder()
                .setMailId(mailId)
                .setBucket("mail-inbound")
                .setKey(mailId)
                .setSize(bytes.length)
                .setSha256(HexFormat.of()
                        .formatHex(MessageDigest.getInstance("SHA-256").digest(bytes)))
                .setReceivedAt(now)
                .setIngestedAt(now)
                .setStorage(Storage.INLINE)
                .setContent(ByteBuffer.wrap(bytes))
                .build();
    }

    static byte[] resource(final String name) {
        try (InputStream in = StatusStack.class.getResourceAsStream("/status/" + name)) {
            if (in == null) {
                throw new IllegalStateException("test mail /status/" + name + " is missing");
            }
            return in.readAllBytes();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    @Override
    public void close() {
        final List<AutoCloseable> inOrder = List.of(
                server::close,
                () -> streams.close(CloseOptions.timeout(Duration.ofSeconds(20))),
                kafka::close,
                () -> SchemaRegistryClients.dropScope(scope),
                () -> deleteRecursively(stateDir));
        final IllegalStateException failure = new IllegalStateException("closing the status test stack failed");
        for (final AutoCloseable step : inOrder) {
            try {
                step.close();
            } catch (Exception e) {
                failure.addSuppressed(e);
            }
        }
        if (failure.getSuppressed().length > 0) {
            throw failure;
        }
    }

    static void deleteRecursively(final Path dir) throws IOException {
        try (Stream<Path> paths = Files.walk(dir)) {
            paths.sorted(Comparator.reverseOrder()).forEach(p -> p.toFile().delete());
        }
    }
}
