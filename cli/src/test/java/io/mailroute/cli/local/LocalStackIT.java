package io.mailroute.cli.local;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.mailroute.avro.Lane;
import io.mailroute.avro.MailStatus;
import io.mailroute.avro.Outcome;
import io.mailroute.cli.ingest.MailUploader;
import io.mailroute.connectors.s3.S3MailSourceConfig;
import io.mailroute.runtime.client.TopicReader;
import io.mailroute.runtime.status.Outbox;
import io.mailroute.runtime.status.StatusServer;
import io.mailroute.schemas.registry.SchemaRegistryClient;
import io.mailroute.schemas.registry.SchemaRegistryClients;
import io.mailroute.stack.MailrouteStack;
import java.io.IOException;
import java.net.Socket;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.stream.Collectors;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import software.amazon.awssdk.services.s3.S3Client;

/**
 * {@code mailroute local --demo} end to end on free ports: the demo mails land in their lanes and
 * their notices in the SMTP capture server's outbox; after a restart on the same data directory the schema ids, the lanes and the bucket are as they
 * were (nothing is processed twice) and a new upload flows, read on its S3 event notification.
 */
class LocalStackIT {
    private static final Duration FLOW_TIMEOUT = Duration.ofSeconds(120);
    private static final Duration READ = Duration.ofSeconds(30);
    static final Map<String, Long> DEMO_LANES = Map.of(
            "notify", 4L, // billing, health, the Japanese notice, and the abuse report (also a ticket)
            "ticket", 4L, // support case, abuse report, the two bounces
            "order-import", 2L,
            "quarantine", 1L, // the spoofed billing mail
            "retry", 1L, // the mail no rule knows
            "dlq", 1L); // the broken MIME mail

    @TempDir
    Path dataDir;

    @Test
    void shouldRouteTheDemoAndKeepEverythingAcrossARestart() throws Exception {
        final MailrouteStack.Builder local =
                MailrouteStack.builder().pipeline().dataDir(dataDir).partitions(2);

        // given a first start with the demo
        final Map<String, Integer> schemaIds;
        final List<String> demoMails;
        try (MailrouteStack stack = local.start()) {
            final DemoLoader loader = new DemoLoader(stack.client(), stack.app().kafkaStreams(), dataDir);
            final DemoLoader.Demo demo = loader.load(step -> {});
            assertThat(demo.uploadedNow()).isTrue();
            demoMails = demo.mailIds();
            assertThat(demoMails).hasSize(12).allMatch(id -> id.startsWith(DemoLoader.PREFIX));

            final Map<String, MailStatus> statuses = loader.awaitTerminal(demoMails, FLOW_TIMEOUT);
            assertThat(statuses.values()).extracting(MailStatus::getOutcome).doesNotContain(Outcome.IN_PROGRESS);
            final LaneContents lanes = LaneContents.read(stack.client());
            assertThat(lanes.mails()).isEqualTo(DEMO_LANES);
            assertThat(lanes.records()).isEqualTo(DEMO_LANES);
            try (SchemaRegistryClient registry = stack.client().registry()) {
                assertThat(new TopicReader(stack.client())
                                .readAll(stack.client().topics(registry).notifications(), key -> true, READ))
                        .as("the demo notices carry their owners' contacts")
                        .isNotEmpty()
                        .allSatisfy(notice -> assertThat(notice.value().getOwnerContacts())
                                .as(notice.key())
                                .isNotNull());
            }
            assertCapturedNotices(stack, statuses);
            schemaIds = schemaIds(stack.client().schemaRegistry());
            assertThat(schemaIds)
                    .containsKeys("mail.raw-value", "mail.status-value", "mail.rules-value", "mail.accounts-value");
            // the connector read its S3 keys through ${file:...} in the data directory; a rebound name is refused
            final URI connect = URI.create(stack.urls().get("connect"));
            assertThat(connectStatusLine(connect, "evil.example")).startsWith("HTTP/1.1 403");
            assertThat(connectStatusLine(connect, "localhost")).startsWith("HTTP/1.1 200");
        }

        // when it starts again on the same data directory
        try (MailrouteStack stack = local.start()) {
            final DemoLoader loader = new DemoLoader(stack.client(), stack.app().kafkaStreams(), dataDir);
            final DemoLoader.Demo demo = loader.load(step -> {});

            // then the demo is not loaded twice, ids and lanes are as they were
            assertThat(demo.uploadedNow()).isFalse();
            assertThat(demo.mailIds()).isEqualTo(demoMails);
            assertThat(schemaIds(stack.client().schemaRegistry())).containsAllEntriesOf(schemaIds);
            assertThat(LaneContents.read(stack.client()).records())
                    .as("lane records after the restart: nothing reprocessed")
                    .containsAllEntriesOf(withoutRetry(DEMO_LANES));
            try (S3Client s3 = stack.client().s3()) {
                assertThat(s3.listObjectsV2(r -> r.bucket(stack.client().s3Bucket()))
                                .keyCount())
                        .as("objects kept in the S3 store")
                        .isGreaterThanOrEqualTo(12);
            }

            // and a new mail flows to its lane, found by its notification: the safety net lists only after 5 minutes
            assertThat(stack.connect().connectorConfig("s3-mail"))
                    .containsEntry(S3MailSourceConfig.INGEST_MODE_CONFIG, "notifications");
            assertThat(stack.urls()).containsKey("sqs");
            final Path mail = dataDir.resolve("new-billing.eml");
            Files.write(mail, Files.readAllBytes(dataDir.resolve("demo/mails/01-aws-billing.eml")));
            try (S3Client s3 = stack.client().s3()) {
                new MailUploader(s3, stack.client().s3Bucket(), "incoming/", MailUploader.KeyMode.FILENAME)
                        .upload(List.of(mail), 1, bytes -> {});
            }
            loader.awaitTerminal(List.of("incoming/new-billing.eml"), FLOW_TIMEOUT);
            await().atMost(Duration.ofSeconds(30)).untilAsserted(() -> {
                final Map<String, Long> expected = new TreeMap<>(DEMO_LANES);
                expected.put("notify", 5L);
                assertThat(LaneContents.read(stack.client()).mails()).isEqualTo(expected);
            });
            assertThat(LaneContents.read(stack.client()).records())
                    .containsAllEntriesOf(
                            Map.of("notify", 5L, "ticket", 4L, "order-import", 2L, "quarantine", 1L, "dlq", 1L));
        }
    }

    /**
     * The SMTP sink delivered a notice of every notify-lane mail to the capture server, each naming its
     * mail in {@code X-Mailroute-Mail-Id}, and {@code GET /api/outbox} lists them.
     */
    private static void assertCapturedNotices(final MailrouteStack stack, final Map<String, MailStatus> statuses)
            throws Exception {
        final Set<String> notified = statuses.entrySet().stream()
                .filter(e -> e.getValue().getOwners().stream()
                        .anyMatch(o -> o.getLanes().contains(Lane.NOTIFY)))
                .map(Map.Entry::getKey)
                .collect(Collectors.toSet());
        assertThat(notified).hasSize(4);
        final Outbox outbox = stack.outbox().orElseThrow();
        assertThat(DemoNotices.await(outbox, statuses, FLOW_TIMEOUT)).isGreaterThanOrEqualTo(4);
        assertThat(outbox.mails())
                .allSatisfy(mail -> {
                    assertThat(mail.mailId()).isIn(notified);
                    assertThat(mail.messageId()).isNotBlank();
                    assertThat(mail.to()).isNotEmpty();
                })
                .extracting(Outbox.CapturedMail::mailId)
                .containsAll(notified);
        // the server stops with the stack
        final StatusServer server =
                stack.startStatusServer(StatusServer.Settings.local().withBinding("127.0.0.1", 0));
        final HttpResponse<String> answer = HttpClient.newHttpClient()
                .send(
                        HttpRequest.newBuilder(server.uri().resolve("api/outbox"))
                                .build(),
                        HttpResponse.BodyHandlers.ofString());
        assertThat(answer.statusCode()).isEqualTo(200);
        final JsonNode listed = new ObjectMapper().readTree(answer.body());
        assertThat(listed).hasSize(outbox.mails().size());
        final Set<String> listedIds = new HashSet<>();
        listed.forEach(mail -> {
            assertThat(mail.fieldNames())
                    .toIterable()
                    .containsExactlyInAnyOrder("from", "to", "subject", "messageId", "mailId", "receivedAt");
            listedIds.add(mail.get("mailId").asText());
        });
        assertThat(listedIds).isEqualTo(notified);
    }

    /** The status line of {@code GET /connectors} with {@code Host: host}, over a plain socket. */
    private static String connectStatusLine(final URI connect, final String host) throws IOException {
        try (Socket socket = new Socket(connect.getHost(), connect.getPort())) {
            socket.setSoTimeout(30_000);
            final String request = "GET /connectors HTTP/1.1\r\nHost: " + host + "\r\nConnection: close\r\n\r\n";
            socket.getOutputStream().write(request.getBytes(StandardCharsets.US_ASCII));
            final String answer = new String(socket.getInputStream().readAllBytes(), StandardCharsets.ISO_8859_1);
            return answer.lines().findFirst().orElse("");
        }
    }

    private static Map<String, Long> withoutRetry(final Map<String, Long> lanes) {
        // a waiting mail is re-evaluated when the rules store is rebuilt on start: more retry records, one mail
        final Map<String, Long> copy = new TreeMap<>(lanes);
        copy.remove("retry");
        return copy;
    }

    private static Map<String, Integer> schemaIds(final String registryUrl) {
        try (SchemaRegistryClient registry =
                SchemaRegistryClients.fromConfig(Map.of("schema.registry.url", registryUrl))) {
            final Map<String, Integer> ids = new TreeMap<>();
            for (final String subject : registry.subjects()) {
                ids.put(subject, registry.latest(subject).id());
            }
            return ids;
        }
    }
}
