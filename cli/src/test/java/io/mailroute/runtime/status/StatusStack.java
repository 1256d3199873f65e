package io.mailroute.runtime.status;

import io.mailroute.avro.AccountMapping;
import io.mailroute.avro.AccountStatus;
import io.mailroute.avro.RawMail;
import io.mailroute.avro.Storage;
import io.mailroute.embedded.Ports;
import io.mailroute.runtime.app.MailrouteApp;
import io.mailroute.runtime.client.ClientSettings;
import io.mailroute.runtime.client.TopicPublisher;
import io.mailroute.runtime.client.TopicReader;
import io.mailroute.s3.S3Settings;
import io.mailroute.schemas.registry.SchemaRegistryClient;
import io.mailroute.schemas.registry.SchemaRegistryClients;
import io.mailroute.schemas.topics.MailTopics;
import io.mailroute.schemas.topics.Topic;
import io.mailroute.stack.MailrouteStack;
import io.mailroute.topology.TopologyServices;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.ByteBuffer;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.time.Duration;
import java.time.Instant;
import java.util.HashMap;
import java.util.HexFormat;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.apache.kafka.streams.KafkaStreams;
import org.apache.kafka.streams.StreamsConfig;
import org.junit.jupiter.api.extension.ExtensionContext;
import org.junit.jupiter.api.extension.ParameterContext;
import org.junit.jupiter.api.extension.ParameterResolver;
import software.amazon.awssdk.auth.credentials.AwsBasicCredentials;

/**
 * One real stack for the status server's integration tests, shared by every test class of a run:
 * a {@link MailrouteStack} of an in-process KRaft broker with the mailroute topics and
 * {@code MailTopology} in the app (exactly-once, {@code mock://} registry scope, inline mail only,
 * {@code application.server} naming the status server), the status server bound to 0.0.0.0 with a
 * token and a fixed outbox, and the mails of {@code src/test/resources/status} fed as inline {@code RawMail} records
 * with one account mapping. Its clients name an S3 endpoint where nothing answers, with a secret.
 */
final class StatusStack implements AutoCloseable {
    /** Tag of the tests that use the stack: failsafe runs them, surefire leaves them out (see the parent pom.xml). */
    static final String INTEGRATION = "integration";

    static final String TOKEN = "it-status-token";
    /** Must never appear in a response. */
    static final String S3_SECRET = "it-s3-secret-never-shown";

    static final String ROOT_ADDRESS = "aws-root@example.co.jp";
    /** The outbox the status server lists: one notice whose subject is markup. */
    static final List<Outbox.CapturedMail> OUTBOX = List.of(new Outbox.CapturedMail(
            "no-reply@mailroute.local",
            List.of("ops@example.co.jp", "cto@example.co.jp"),
            "<img src=x onerror=alert(1)> billing notice",
            "<notice-1@mailroute.local>",
            "aws-billing.eml",
            Instant.parse("2026-12-05T10:00:00Z")));

    static final String ACCOUNT_ID = "123456789012";
    /** How long the status server lets a client take to send its request. */
    static final Duration CLIENT_TIME = Duration.ofSeconds(2);

    static final List<String> MAILS =
            List.of("aws-billing.eml", "aws-support-case.eml", "newsletter.eml", "not-a-mail.eml", "broken-upload.eml");
    private static final String SHARED = "status-stack";

    private final MailrouteStack stack;
    final ClientSettings clients;
    final MailTopics topics;
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
        // the instance advertises its status server, so status lookups go through the key's metadata
        final int statusPort = Ports.free();
        stack = MailrouteStack.builder()
                .kafka()
                .topics()
                .partitions(2)
                .existingRegistry("mock://" + scope)
                .existingS3(S3Settings.forEndpoint(
                        URI.create("http://127.0.0.1:9"),
                        "us-east-1",
                        AwsBasicCredentials.create("it-access-key", S3_SECRET)))
                .beforeApp(StatusStack::publishAccount)
                .app(Map.of(
                        StreamsConfig.APPLICATION_ID_CONFIG,
                        name,
                        StreamsConfig.COMMIT_INTERVAL_MS_CONFIG,
                        100,
                        StreamsConfig.APPLICATION_SERVER_CONFIG,
                        "127.0.0.1:" + statusPort))
                .topologyServices(config -> TopologyServices.inlineOnly())
                .start();
        try {
            clients = stack.client();
            topics = clients.topics(clients.registry());
            streams = stack.app().kafkaStreams();
            server = StatusServer.start(
                    StatusServer.Settings.local()
                            .withBinding("0.0.0.0", statusPort)
                            .withToken(TOKEN)
                            .withClientTime(CLIENT_TIME),
                    streams,
                    stack.app().describe(),
                    clients,
                    Optional.of(() -> OUTBOX));
            for (final String mail : MAILS) {
                send(topics.raw(), mail, inline(mail, resource(mail)));
            }
        } catch (Exception | Error e) {
            close();
            throw e;
        }
    }

    /** The account mapping of the mails, there before the app starts. */
    private static void publishAccount(final ClientSettings client) throws Exception {
        try (SchemaRegistryClient registry = client.registry();
                TopicPublisher publisher = new TopicPublisher(client)) {
            publisher.send(
                    client.topics(registry).accounts(),
                    ACCOUNT_ID,
                    AccountMapping.newBuilder()
                            .setAccountId(ACCOUNT_ID)
                            .setEmail(ROOT_ADDRESS)
                            .setName("Prod")
                            .setStatus(AccountStatus.ACTIVE)
                            .setSource("test")
                            .setSyncedAt(Instant.now())
                            .build());
            publisher.awaitAcks();
        }
    }

    /** One more (unstarted) instance of the application, advertising {@code applicationServer}. */
    MailrouteApp member(final String applicationServer, final Path memberStateDir) {
        final Map<String, Object> settings = new HashMap<>(stack.appSettings());
        settings.put(StreamsConfig.STATE_DIR_CONFIG, memberStateDir.toString());
        settings.put(StreamsConfig.APPLICATION_SERVER_CONFIG, applicationServer);
        return new MailrouteApp(settings, config -> TopologyServices.inlineOnly());
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
        try (TopicPublisher publisher = new TopicPublisher(clients)) {
            publisher.send(topic, key, value);
            publisher.awaitAcks();
        } catch (Exception e) {
            throw new IllegalStateException("cannot write to " + topic.name() + ": " + e.getMessage(), e);
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
        try {
            if (server != null) {
                server.close();
            }
            stack.close();
        } finally {
            SchemaRegistryClients.dropScope(scope);
        }
    }
}
