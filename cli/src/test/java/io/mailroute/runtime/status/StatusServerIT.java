package io.mailroute.runtime.status;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.awaitility.Awaitility.await;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.mailroute.avro.Delivery;
import io.mailroute.avro.DeliveryChannel;
import io.mailroute.avro.DeliveryOutcome;
import io.mailroute.avro.RawMail;
import io.mailroute.avro.RawRef;
import io.mailroute.avro.RetryMail;
import io.mailroute.avro.RetryReason;
import io.mailroute.runtime.app.MailrouteVersion;
import io.mailroute.runtime.client.TopicReader;
import java.io.IOException;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.net.Socket;
import java.net.SocketException;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

/** The status server against MailTopology running in a real KafkaStreams on an in-process broker. */
@Tag(StatusStack.INTEGRATION)
@ExtendWith(StatusStack.Resolver.class)
class StatusServerIT {
    private static final String BUILT_VERSION = MailrouteVersion.current().mailroute();

    private static final Duration FLOW = Duration.ofSeconds(60);
    private static final ObjectMapper JSON = new ObjectMapper();

    private static StatusStack stack;

    @BeforeAll
    static void stack(final StatusStack shared) {
        stack = shared;
        // every fed mail has reached its terminal state
        await().atMost(FLOW).untilAsserted(() -> {
            for (final String mail :
                    List.of("aws-billing.eml", "aws-support-case.eml", "newsletter.eml", "not-a-mail.eml")) {
                final HttpResponse<String> status = stack.get("/api/status/" + mail);
                assertThat(status.statusCode()).as(mail + ": " + status.body()).isEqualTo(200);
            }
        });
    }

    private static JsonNode json(final HttpResponse<String> response) throws Exception {
        return JSON.readTree(response.body());
    }

    @Test
    void shouldAnswerTheStatusOfAMailByInteractiveQuery() throws Exception {
        // when
        final HttpResponse<String> response = stack.get("/api/status/aws-billing.eml");

        // then
        assertThat(response.statusCode()).isEqualTo(200);
        assertThat(response.headers().firstValue("Content-Type")).hasValue(ApiResponse.JSON);
        final JsonNode status = json(response);
        assertThat(status.get("mailId").asText()).isEqualTo("aws-billing.eml");
        assertThat(status.get("outcome").asText()).isEqualTo("ROUTED");
        assertThat(status.get("owners").get(0).get("ruleId").asText()).isEqualTo("aws-billing");
        assertThat(status.get("owners").get(0).get("ownerId").asText()).isEqualTo(StatusStack.ACCOUNT_ID);
    }

    @Test
    void shouldShowTheLatestOutcomeOfEachDeliveryOfAMailAndCountThemPerChannel() throws Exception {
        // given: the SMTP sink retried, then delivered; a chat post without owner failed
        final String smtpKey = "aws-billing.eml|" + StatusStack.ACCOUNT_ID + "|SMTP";
        stack.send(
                stack.topics.deliveries(),
                smtpKey,
                delivery(StatusStack.ACCOUNT_ID, DeliveryChannel.SMTP, DeliveryOutcome.RETRYING, "451 4.3.0 busy", 1));
        stack.send(
                stack.topics.deliveries(),
                smtpKey,
                delivery(StatusStack.ACCOUNT_ID, DeliveryChannel.SMTP, DeliveryOutcome.DELIVERED, "250 2.0.0 OK", 2));
        stack.send(
                stack.topics.deliveries(),
                "aws-billing.eml||CHAT",
                delivery(null, DeliveryChannel.CHAT, DeliveryOutcome.FAILED, "HTTP 404", 1));

        // then
        await().atMost(FLOW).untilAsserted(() -> {
            final JsonNode deliveries =
                    json(stack.get("/api/status/aws-billing.eml")).get("deliveries");
            assertThat(deliveries).hasSize(2);
            final JsonNode smtp = find(deliveries, "channel", "SMTP");
            assertThat(smtp.get("ownerId").asText()).isEqualTo(StatusStack.ACCOUNT_ID);
            assertThat(smtp.get("outcome").asText()).isEqualTo("DELIVERED");
            assertThat(smtp.get("detail").asText()).isEqualTo("250 2.0.0 OK");
            assertThat(smtp.get("recipients").toString()).isEqualTo("[\"ops@example.co.jp\"]");
            assertThat(smtp.get("attempt").asInt()).isEqualTo(2);
            assertThat(smtp.get("at").asText()).isEqualTo("2026-12-05T10:00:02Z");
            final JsonNode chat = find(deliveries, "channel", "CHAT");
            assertThat(chat.get("ownerId").isNull()).isTrue();
            assertThat(chat.get("outcome").asText()).isEqualTo("FAILED");
            assertThat(stack.get("/metrics").body())
                    .contains("mailroute_deliveries_total{channel=\"SMTP\",outcome=\"RETRYING\"} 1.0")
                    .contains("mailroute_deliveries_total{channel=\"SMTP\",outcome=\"DELIVERED\"} 1.0")
                    .contains("mailroute_deliveries_total{channel=\"CHAT\",outcome=\"FAILED\"} 1.0")
                    .contains("mailroute_deliveries_total{channel=\"ORDER_WEBHOOK\",outcome=\"DELIVERED\"} 0.0");
        });
        assertThat(json(stack.get("/api/status/aws-support-case.eml")).get("deliveries"))
                .isEmpty();
        assertThat(json(stack.get("/api/info")).get("deliveryWatcher").asText()).isEqualTo("RUNNING");
    }

    private static Delivery delivery(
            final String ownerId,
            final DeliveryChannel channel,
            final DeliveryOutcome outcome,
            final String detail,
            final int attempt) {
        return Delivery.newBuilder()
                .setMailId("aws-billing.eml")
                .setOwnerId(ownerId)
                .setChannel(channel)
                .setOutcome(outcome)
                .setDetail(detail)
                .setRecipients(channel == DeliveryChannel.SMTP ? List.of("ops@example.co.jp") : List.of())
                .setAttempt(attempt)
                .setAt(Instant.parse("2026-12-05T10:00:00Z").plusSeconds(attempt))
                .build();
    }

    @Test
    void shouldAnswer404ForAnUnknownMail() throws Exception {
        // when
        final HttpResponse<String> response = stack.get("/api/status/never-sent.eml");

        // then
        assertThat(response.statusCode()).isEqualTo(404);
        assertThat(json(response).get("error").asText()).isEqualTo("no status for never-sent.eml");
    }

    @Test
    void shouldCountLaneRecordsPerLaneAndRule() {
        await().atMost(FLOW).untilAsserted(() -> {
            final JsonNode lanes = json(stack.get("/api/lanes"));
            assertThat(lane(lanes, "NOTIFY").get("count").asLong()).isEqualTo(1);
            assertThat(lane(lanes, "NOTIFY").get("topic").asText()).isEqualTo("mail.notify");
            assertThat(lane(lanes, "NOTIFY").get("perMinuteLast5m").asDouble()).isPositive();
            assertThat(lane(lanes, "TICKET").get("count").asLong()).isEqualTo(1);
            assertThat(lane(lanes, "ORDER_IMPORT").get("count").asLong()).isZero();
            assertThat(lanes.get("rules").toString())
                    .contains("{\"lane\":\"NOTIFY\",\"ruleId\":\"aws-billing\",\"count\":1}")
                    .contains("{\"lane\":\"TICKET\",\"ruleId\":\"aws-support-case\",\"count\":1}");
        });
    }

    @Test
    void shouldListRecentMailWithRuleAndCurrentOutcome() {
        await().atMost(FLOW).untilAsserted(() -> {
            final JsonNode recent = json(stack.get("/api/recent"));
            final JsonNode billing = find(recent, "mailId", "aws-billing.eml");
            assertThat(billing.get("lane").asText()).isEqualTo("NOTIFY");
            assertThat(billing.get("ruleId").asText()).isEqualTo("aws-billing");
            assertThat(billing.get("outcome").asText()).isEqualTo("ROUTED");
        });
    }

    @Test
    void shouldListDeadLettersWaitingMailAndAlerts() {
        await().atMost(FLOW).untilAsserted(() -> {
            final JsonNode dead = find(json(stack.get("/api/dlq")), "mailId", "not-a-mail.eml");
            assertThat(dead.get("stage").asText()).isEqualTo("PARSE");
            assertThat(dead.get("raw").get("topic").asText()).isEqualTo("mail.raw");
            final JsonNode waiting = find(json(stack.get("/api/retry")), "mailId", "newsletter.eml");
            assertThat(waiting.get("reason").asText()).isEqualTo("UNCLASSIFIED");
            assertThat(waiting.has("mail"))
                    .as("raw mail bytes stay out of the API")
                    .isFalse();
            final JsonNode alerts = json(stack.get("/api/alerts"));
            assertThat(alerts.toString()).contains("\"type\":\"NEW_PATTERN\"");
        });
    }

    @Test
    void shouldDescribeTheTopologyAsTextAndMermaid() throws Exception {
        // when
        final JsonNode topology = json(stack.get("/api/topology"));

        // then
        assertThat(topology.get("mermaid").asText()).startsWith("flowchart LR").contains("mail-status-store");
        assertThat(topology.get("text").asText()).contains("Sub-topology").contains("classify-mail");
    }

    @Test
    void shouldExposeStreamsClientAndLaneMetricsInPrometheusFormat() {
        assertThat(BUILT_VERSION).isNotEqualTo("unknown");
        await().atMost(FLOW).untilAsserted(() -> {
            final HttpResponse<String> response = stack.get("/metrics");
            assertThat(response.statusCode()).isEqualTo(200);
            assertThat(response.headers().firstValue("Content-Type")).hasValue(StatusApi.PROMETHEUS_TEXT);
            assertThat(response.body())
                    .contains("kafka_stream_")
                    .contains("kafka_consumer_")
                    .contains("kafka_producer_")
                    .contains("jvm_memory_used_bytes")
                    .contains("jvm_gc_max_data_size_bytes")
                    .contains("jvm_threads_live_threads")
                    .contains("process_cpu_usage")
                    .containsPattern("mailroute_build_info\\{.*version=\"" + BUILT_VERSION + "\"} 1\n")
                    .contains("mailroute_lane_records_total{lane=\"NOTIFY\"} 1.0")
                    .contains("mailroute_rule_records_total{lane=\"TICKET\",rule=\"aws-support-case\"} 1.0");
        });
    }

    @Test
    void shouldBeLiveAndReadyWhileTheStreamsRun() throws Exception {
        // when
        final HttpResponse<String> live = stack.get("/livez");
        final HttpResponse<String> ready = stack.get("/readyz");

        // then
        assertThat(live.statusCode()).isEqualTo(200);
        assertThat(json(live).get("live").asBoolean()).isTrue();
        assertThat(ready.statusCode()).isEqualTo(200);
        assertThat(json(ready).get("state").asText()).isEqualTo("RUNNING");
    }

    @Test
    void shouldReportTheTopologyStateAndThatPostsNeedAToken() throws Exception {
        // when
        final JsonNode info = json(stack.get("/api/info"));

        // then
        assertThat(info.get("state").asText()).isEqualTo("RUNNING");
        assertThat(info.get("laneWatcher").asText()).isEqualTo("RUNNING");
        assertThat(info.get("tokenRequired").asBoolean()).isTrue();
        assertThat(info.get("lanes").get("QUARANTINE").asText()).isEqualTo("mail.quarantine");
    }

    @Test
    void shouldListTheOutboxItWasGiven() throws Exception {
        // when
        final JsonNode info = json(stack.get("/api/info"));
        final JsonNode outbox = json(stack.get("/api/outbox"));

        // then
        assertThat(info.get("outbox").asBoolean()).isTrue();
        assertThat(outbox).hasSize(1);
        assertThat(outbox.get(0).get("mailId").asText()).isEqualTo("aws-billing.eml");
        assertThat(outbox.get(0).get("messageId").asText()).isEqualTo("<notice-1@mailroute.local>");
        assertThat(outbox.get(0).get("to").toString()).isEqualTo("[\"ops@example.co.jp\",\"cto@example.co.jp\"]");
        assertThat(outbox.get(0).get("receivedAt").asText()).isEqualTo("2026-12-05T10:00:00Z");
    }

    @Test
    void shouldServeThePage() throws Exception {
        // when
        final HttpResponse<String> page = stack.get("/");

        // then
        assertThat(page.statusCode()).isEqualTo(200);
        assertThat(page.headers().firstValue("Content-Type")).hasValue("text/html; charset=utf-8");
        assertThat(page.body()).contains("<script src=\"status.js\"");
        assertThat(stack.get("/status.js").body()).contains("/api/lanes");
    }

    @Test
    void shouldRefuseAPostWithoutTheTokenOnANonLoopbackBinding() throws Exception {
        // given
        final int published =
                stack.records(stack.topics.raw(), "not-a-mail.eml").size();

        // when
        final HttpResponse<String> refused = stack.post("/api/dlq/not-a-mail.eml/retry", null);
        final HttpResponse<String> wrong = stack.post("/api/dlq/not-a-mail.eml/retry", "guessed");

        // then
        assertThat(refused.statusCode()).isEqualTo(401);
        assertThat(wrong.statusCode()).isEqualTo(401);
        assertThat(stack.records(stack.topics.raw(), "not-a-mail.eml")).hasSize(published); // nothing re-published
    }

    @Test
    void shouldRepublishADeadLetteredMailWithTheToken() throws Exception {
        // given
        final int published =
                stack.records(stack.topics.raw(), "not-a-mail.eml").size();

        // when
        final HttpResponse<String> accepted = stack.post("/api/dlq/not-a-mail.eml/retry", StatusStack.TOKEN);

        // then
        assertThat(accepted.statusCode()).as(accepted.body()).isEqualTo(202);
        final List<TopicReader.Entry<RawMail>> raw = stack.records(stack.topics.raw(), "not-a-mail.eml");
        assertThat(raw).hasSize(published + 1);
        final RawMail copy = raw.get(raw.size() - 1).value();
        assertThat(copy.getResubmittedFrom()).isEqualTo("mail.dlq");
        assertThat(copy.getAttempt())
                .isEqualTo(json(accepted).get("attempt").asInt())
                .isPositive();
    }

    @Test
    void shouldReleaseAWaitingMailAndCancelItsWait() throws Exception {
        // given
        await().atMost(FLOW).until(() -> stack.get("/api/retry").body().contains("newsletter.eml"));

        // when
        final HttpResponse<String> accepted = stack.post("/api/retry/newsletter.eml/release", StatusStack.TOKEN);

        // then
        assertThat(accepted.statusCode()).as(accepted.body()).isEqualTo(202);
        final List<TopicReader.Entry<RetryMail>> retry = stack.records(stack.topics.retry(), "newsletter.eml");
        assertThat(retry).extracting(TopicReader.Entry::value).contains((RetryMail) null); // the tombstone
        final List<TopicReader.Entry<RawMail>> raw = stack.records(stack.topics.raw(), "newsletter.eml");
        assertThat(raw.get(raw.size() - 1).value().getResubmittedFrom()).isEqualTo("mail.retry");
    }

    @Test
    void shouldNeitherListNorReleaseAMailWhoseStatusIsNoLongerRetryPending() throws Exception {
        // given: a retry record of a mail routed since (as releases left them before the topology ended waits)
        final int published =
                stack.records(stack.topics.raw(), "aws-billing.eml").size();
        stack.send(stack.topics.retry(), "aws-billing.eml", staleWait("aws-billing.eml"));

        // when
        final HttpResponse<String> refused = stack.post("/api/retry/aws-billing.eml/release", StatusStack.TOKEN);

        // then
        assertThat(refused.statusCode()).as(refused.body()).isEqualTo(409);
        assertThat(json(refused).get("error").asText())
                .isEqualTo("aws-billing.eml is not waiting to be retried: "
                        + "its status is ROUTED at attempt 1, not RETRY_PENDING at attempt 1");
        assertThat(stack.records(stack.topics.raw(), "aws-billing.eml")).hasSize(published); // not routed a second time
        await().atMost(FLOW).untilAsserted(() -> {
            final String waiting = stack.get("/api/retry").body();
            assertThat(waiting).contains("newsletter.eml").doesNotContain("aws-billing.eml");
        });
    }

    /** A retry record whose backoff ends only tomorrow, so the topology holds it for the whole run. */
    private static RetryMail staleWait(final String mailId) throws Exception {
        final RawMail mail = StatusStack.inline(mailId, StatusStack.resource(mailId));
        return RetryMail.newBuilder()
                .setMailId(mailId)
                .setReason(RetryReason.TRANSIENT)
                .setAttempt(1)
                .setMaxAttempts(5)
                .setFirstAttemptAt(Instant.now())
                .setNextAttemptAt(Instant.now().plus(Duration.ofDays(1)))
                .setMail(mail)
                .setRaw(RawRef.newBuilder()
                        .setBucket(mail.getBucket())
                        .setKey(mail.getKey())
                        .setSize(mail.getSize())
                        .setSha256(mail.getSha256())
                        .build())
                .build();
    }

    @Test
    void shouldCutOffClientsThatDribbleTheirRequestAndGoOnAnsweringOthers() throws Exception {
        // given: as many clients as the server has threads, sending a byte every 100 ms: two headers, two a body
        final ScheduledExecutorService dribble = Executors.newSingleThreadScheduledExecutor();
        final List<Socket> slow = new ArrayList<>();
        final long started = System.nanoTime();
        try {
            for (int i = 0; i < 4; i++) {
                final Socket socket =
                        new Socket(stack.uri("/").getHost(), stack.uri("/").getPort());
                slow.add(socket);
                final OutputStream out = socket.getOutputStream();
                out.write((i % 2 == 0
                                ? "GET /api/info HTTP/1.1\r\nHost: 127.0.0.1\r\n"
                                : "POST /api/dlq/x/retry HTTP/1.1\r\nHost: 127.0.0.1\r\nContent-Length: 1000\r\n\r\n")
                        .getBytes(StandardCharsets.US_ASCII));
                out.flush();
                dribble.scheduleAtFixedRate(
                        () -> {
                            try {
                                out.write('x');
                                out.flush();
                            } catch (IOException e) {
                                throw new UncheckedIOException(e); // closed by the server: ends this dribble
                            }
                        },
                        100,
                        100,
                        TimeUnit.MILLISECONDS);
            }

            // when
            final HttpResponse<String> other = stack.get("/api/info");

            // then: the others are answered, and every slow client is cut off once its time is up
            assertThat(other.statusCode()).isEqualTo(200);
            for (final Socket socket : slow) {
                socket.setSoTimeout((int) FLOW.toMillis());
                assertThat(endOfStream(socket))
                        .as("the server closed the connection")
                        .isTrue();
            }
            assertThat(Duration.ofNanos(System.nanoTime() - started))
                    .isLessThan(StatusStack.CLIENT_TIME.plusSeconds(5));
        } finally {
            dribble.shutdownNow();
            for (final Socket socket : slow) {
                socket.close();
            }
        }
    }

    /** True when the server closed the connection without answering (end of stream or reset). */
    private static boolean endOfStream(final Socket socket) throws IOException {
        try {
            return socket.getInputStream().read() == -1;
        } catch (SocketException e) {
            return true;
        }
    }

    @Test
    void shouldForbidAnyPageToFrameAnyResponse() throws Exception {
        // given
        final List<HttpResponse<String>> responses = new ArrayList<>();
        for (final String path :
                List.of("/", "/status.js", "/api/info", "/api/retry", "/api/status/never-sent.eml", "/metrics")) {
            responses.add(stack.get(path));
        }
        responses.add(stack.post("/api/dlq/not-a-mail.eml/retry", null)); // refused

        // then
        assertThat(responses).allSatisfy(response -> {
            assertThat(response.headers().firstValue("Content-Security-Policy")).hasValue("frame-ancestors 'none'");
            assertThat(response.headers().firstValue("X-Frame-Options")).hasValue("DENY");
        });
    }

    @Test
    void shouldAnswer404WhenRetryingAMailThatWasNeverDeadLettered() throws Exception {
        assertThat(stack.post("/api/dlq/aws-billing.eml/retry", StatusStack.TOKEN)
                        .statusCode())
                .isEqualTo(404);
    }

    @Test
    void shouldRefuseToStartOnANonLoopbackAddressWithoutAToken() {
        assertThatThrownBy(() -> StatusServer.start(
                        StatusServer.Settings.local().withBinding("0.0.0.0", 0), stack.streams, null, stack.clients))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("not a loopback address");
    }

    @Test
    void shouldNeverShowTheS3SecretInAnyResponse() throws Exception {
        // given
        final List<String> bodies = new ArrayList<>();
        for (final String path : List.of(
                "/",
                "/status.js",
                "/api/info",
                "/api/lanes",
                "/api/recent",
                "/api/dlq",
                "/api/retry",
                "/api/alerts",
                "/api/topology",
                "/api/status/aws-billing.eml",
                "/metrics")) {
            bodies.add(stack.get(path).body());
        }

        // then
        assertThat(bodies).noneMatch(body -> body.contains(StatusStack.S3_SECRET));
    }

    private static JsonNode lane(final JsonNode lanes, final String lane) {
        return find(lanes.get("lanes"), "lane", lane);
    }

    private static JsonNode find(final JsonNode array, final String field, final String value) {
        for (final JsonNode node : array) {
            if (value.equals(node.path(field).asText())) {
                return node;
            }
        }
        throw new AssertionError("no element with " + field + "=" + value + " in " + array);
    }
}
