package io.mailroute.connectors.webhook;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.mailroute.avro.Alert;
import io.mailroute.avro.AlertLevel;
import io.mailroute.avro.AlertType;
import io.mailroute.avro.ClassifiedMail;
import io.mailroute.avro.Delivery;
import io.mailroute.avro.DeliveryChannel;
import io.mailroute.avro.DeliveryOutcome;
import io.mailroute.connectors.delivery.DeliveryLog;
import io.mailroute.connectors.delivery.InMemoryDeliveryLog;
import io.mailroute.connectors.delivery.InMemorySchemaRegistry;
import io.mailroute.connectors.delivery.RecordingSinkTaskContext;
import java.io.IOException;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.function.Supplier;
import org.apache.avro.specific.SpecificRecord;
import org.apache.kafka.common.utils.Time;
import org.apache.kafka.connect.errors.DataException;
import org.apache.kafka.connect.errors.RetriableException;
import org.apache.kafka.connect.sink.SinkRecord;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/**
 * The webhook sink against a local HTTP server recording the requests: the Block Kit payload, new
 * patterns first seen then summarised, the order JSON and its idempotency key, 429 with
 * Retry-After, 5xx retried with a doubling backoff, other 4xx dead-lettered, and nothing posted
 * twice after a retry or a restart.
 */
class WebhookSinkTaskTest {
    private static final ObjectMapper JSON = new ObjectMapper();

    @RegisterExtension
    static final InMemorySchemaRegistry REGISTRY = new InMemorySchemaRegistry();

    private WebhookServer server;
    private InMemoryDeliveryLog deliveries;
    private ManualTime time;
    private RecordingSinkTaskContext context;
    private final List<WebhookSinkTask> tasks = new ArrayList<>();

    @BeforeEach
    void setUp() throws IOException {
        server = new WebhookServer();
        deliveries = new InMemoryDeliveryLog();
        time = new ManualTime(Webhooks.T0.toEpochMilli());
        context = RecordingSinkTaskContext.withDeadLetterQueue();
    }

    @AfterEach
    void tearDown() {
        tasks.forEach(WebhookSinkTask::stop);
        server.close();
    }

    private Map<String, String> chatProps() {
        return WebhookSinkConfig.setter(new HashMap<>())
                .chat(server.url("/hooks/T000/B000/secret"), "https://status.example/")
                .deliveries("127.0.0.1:9", "mail.deliveries")
                .registryUrl(REGISTRY.url())
                .retries(3, Duration.ofMillis(100), Duration.ofSeconds(1))
                .props();
    }

    private Map<String, String> orderProps() {
        return WebhookSinkConfig.setter(new HashMap<>())
                .order(server.url("/orders"), "s3cret")
                .deliveries("127.0.0.1:9", "mail.deliveries")
                .registryUrl(REGISTRY.url())
                .retries(3, Duration.ofMillis(100), Duration.ofSeconds(1))
                .props();
    }

    private WebhookSinkTask start(final Map<String, String> props) {
        final WebhookSinkTask task = new WebhookSinkTask((config, p) -> deliveries, time);
        task.initialize(context);
        task.start(props);
        tasks.add(task);
        return task;
    }

    private static SinkRecord record(final String topic, final long offset, final SpecificRecord value) {
        return new SinkRecord(topic, 0, null, "k", null, REGISTRY.serialize(topic, value), offset);
    }

    private static SinkRecord alert(final long offset, final Alert alert) {
        return record("mail.alerts", offset, alert);
    }

    private static SinkRecord order(final long offset, final ClassifiedMail mail) {
        return record("mail.order-import", offset, mail);
    }

    private Delivery orderDelivery(final String mailId, final String ownerId) {
        return deliveries.latest(DeliveryLog.key(mailId, ownerId, DeliveryChannel.ORDER_WEBHOOK));
    }

    @Test
    void shouldPostAnAlertAsBlockKitWithItsSamplesLinkedToTheStatusPage() throws Exception {
        // given
        final WebhookSinkTask task = start(chatProps());
        final Alert flood =
                Webhooks.alert(AlertType.FLOOD, AlertLevel.CRITICAL, "flood:sender:spam@x.example", 500, Webhooks.T0);

        // when
        task.put(List.of(alert(0, flood)));

        // then
        assertThat(server.requests).hasSize(1);
        assertThat(server.requests.get(0).path()).isEqualTo("/hooks/T000/B000/secret");
        assertThat(server.requests.get(0).headers().get("content-type")).startsWith("application/json");
        final JsonNode message = JSON.readTree(server.requests.get(0).body());
        final JsonNode blocks = message.get("blocks");
        assertThat(message.get("text").asText()).contains("CRITICAL", "FLOOD", "flood:sender:spam@x.example");
        assertThat(blocks.get(0).get("type").asText()).isEqualTo("header");
        assertThat(blocks.get(0).get("text").get("type").asText()).isEqualTo("plain_text");
        assertThat(blocks.get(0).get("text").get("text").asText()).isEqualTo("CRITICAL · FLOOD");
        assertThat(blocks.get(1).get("text").get("type").asText()).isEqualTo("mrkdwn");
        assertThat(blocks.get(1).get("text").get("text").asText())
                .isEqualTo("Something about &lt;flood:sender:spam@x.example&gt; &amp; more");
        final List<String> fields = new ArrayList<>();
        blocks.get(2).get("fields").forEach(f -> fields.add(f.get("text").asText()));
        assertThat(fields)
                .contains("*Level*\nCRITICAL", "*Type*\nFLOOD", "*Key*\n`flood:sender:spam@x.example`", "*Count*\n500");
        assertThat(blocks.get(3).get("text").get("text").asText())
                .isEqualTo("*Sample mails*\n<https://status.example/api/status/m-1|m-1>\n"
                        + "<https://status.example/api/status/incoming%2Fm%202|incoming/m 2>");
        final Delivery delivery = deliveries.latest(
                DeliveryLog.key("flood:sender:spam@x.example@" + Webhooks.T0, null, DeliveryChannel.CHAT));
        assertThat(delivery.getOutcome()).isEqualTo(DeliveryOutcome.DELIVERED);
        assertThat(delivery.getDetail()).isEqualTo("HTTP 200 ok");
        assertThat(delivery.getRecipients()).containsExactly(server.url("").replaceAll("/$", ""));
    }

    @Test
    void shouldPostNewPatternsWhenFirstSeenAndSummariseLaterSightingsOncePerInterval() throws Exception {
        // given
        final WebhookSinkTask task = start(chatProps());
        final Instant t = Webhooks.T0;

        // when: a pattern, then the same pattern twice (one alert handed twice), a second pattern,
        // and alerts posted at once whatever their level
        task.put(List.of(
                alert(0, Webhooks.alert(AlertType.NEW_PATTERN, AlertLevel.INFO, "new-pattern:a", 1, t)),
                alert(1, Webhooks.alert(AlertType.NEW_PATTERN, AlertLevel.INFO, "new-pattern:a", 2, t.plusSeconds(1))),
                alert(2, Webhooks.alert(AlertType.NEW_PATTERN, AlertLevel.INFO, "new-pattern:a", 3, t.plusSeconds(2))),
                alert(2, Webhooks.alert(AlertType.NEW_PATTERN, AlertLevel.INFO, "new-pattern:a", 3, t.plusSeconds(2))),
                alert(3, Webhooks.alert(AlertType.NEW_PATTERN, AlertLevel.INFO, "new-pattern:b", 1, t.plusSeconds(3))),
                alert(4, Webhooks.alert(AlertType.BOUNCE_RATE, AlertLevel.WARNING, "bounce-rate:domain:x", 9, t)),
                alert(5, Webhooks.alert(AlertType.NO_CONTACTS, AlertLevel.WARNING, "no-contacts:o-1", 1, t))));

        // then: the first sighting of each pattern and the other alerts at once
        assertThat(server.requests).hasSize(4);
        assertThat(server.requests.stream().map(r -> header(r.body())))
                .containsExactly(
                        "INFO · NEW_PATTERN", "INFO · NEW_PATTERN", "WARNING · BOUNCE_RATE", "WARNING · NO_CONTACTS");

        // when the interval is not over: nothing
        time.sleep(Duration.ofMinutes(59).toMillis());
        task.put(List.of());
        assertThat(server.requests).hasSize(4);

        // when it is: one summary, a count per pattern seen again
        time.sleep(Duration.ofMinutes(2).toMillis());
        task.put(List.of());
        assertThat(server.requests).hasSize(5);
        final JsonNode summary = JSON.readTree(server.requests.get(4).body());
        assertThat(summary.get("blocks").get(0).get("text").get("text").asText())
                .isEqualTo("New patterns seen again");
        assertThat(summary.get("blocks").get(1).get("text").get("text").asText())
                .contains("`new-pattern:a` scope of new-pattern:a: 2 sightings (3 mails in total)")
                .doesNotContain("new-pattern:b");

        // and nothing more until the next interval has sightings
        time.sleep(Duration.ofHours(2).toMillis());
        task.put(List.of());
        assertThat(server.requests).hasSize(5);
    }

    @Test
    void shouldPostTheOrderWithItsIdempotencyKeyAndBearerToken() throws Exception {
        // given
        final WebhookSinkTask task = start(orderProps());

        // when
        task.put(List.of(order(0, Webhooks.order("m-1", "shop-1"))));

        // then
        assertThat(server.requests).hasSize(1);
        final WebhookServer.Request request = server.requests.get(0);
        assertThat(request.method()).isEqualTo("POST");
        assertThat(request.headers())
                .containsEntry("idempotency-key", "m-1|shop-1")
                .containsEntry("authorization", "Bearer s3cret");
        final JsonNode order = JSON.readTree(request.body());
        assertThat(order.get("mailId").asText()).isEqualTo("m-1");
        assertThat(order.get("ownerId").asText()).isEqualTo("shop-1");
        assertThat(order.get("category").asText()).isEqualTo("order");
        assertThat(order.get("subject").asText()).isEqualTo("ご注文ありがとうございます m-1");
        assertThat(order.get("receivedAt").asText()).isEqualTo("2026-11-20T09:00:00Z");
        assertThat(order.get("order").get("orderNumber").asText()).isEqualTo("ORD-m-1");
        assertThat(order.get("order").get("buyerName").asText()).isEqualTo("山田 太郎");
        assertThat(order.get("order").get("total").asText()).isEqualTo("12,800");
        assertThat(order.get("raw").get("bucket").asText()).isEqualTo("mail-inbound");
        assertThat(order.get("raw").get("key").asText()).isEqualTo("m-1");
        assertThat(order.get("raw").get("sha256").asText()).isEqualTo("ab".repeat(32));
        assertThat(orderDelivery("m-1", "shop-1").getOutcome()).isEqualTo(DeliveryOutcome.DELIVERED);
    }

    @Test
    void shouldHonourRetryAfterOn429() {
        // given
        final WebhookSinkTask task = start(orderProps());
        server.reply(429, "slow down", Map.of("Retry-After", "7"));
        final List<SinkRecord> batch = List.of(order(0, Webhooks.order("m-1", "shop-1")));

        // when
        assertThatThrownBy(() -> task.put(batch)).isInstanceOf(RetriableException.class);

        // then: paused for the server's seven seconds, recorded RETRYING, and delivered when handed again
        assertThat(context.timeouts).containsExactly(7_000L);
        assertThat(orderDelivery("m-1", "shop-1").getOutcome()).isEqualTo(DeliveryOutcome.RETRYING);
        assertThat(orderDelivery("m-1", "shop-1").getDetail()).isEqualTo("HTTP 429 slow down");
        task.put(batch);
        assertThat(orderDelivery("m-1", "shop-1").getOutcome()).isEqualTo(DeliveryOutcome.DELIVERED);
        assertThat(orderDelivery("m-1", "shop-1").getAttempt()).isEqualTo(2);
        assertThat(server.requests).hasSize(2);
        assertThat(server.requests)
                .extracting(r -> r.headers().get("idempotency-key"))
                .containsOnly("m-1|shop-1");
    }

    @Test
    void shouldRetry5xxAnd408WithADoublingBackoffThenDeadLetter() {
        // given
        final WebhookSinkTask task = start(orderProps());
        server.reply(503, "unavailable").reply(408, "").reply(500, "boom");
        final List<SinkRecord> batch = List.of(order(0, Webhooks.order("m-1", "shop-1")));

        // when
        assertThatThrownBy(() -> task.put(batch)).isInstanceOf(RetriableException.class);
        assertThatThrownBy(() -> task.put(batch)).isInstanceOf(RetriableException.class);
        task.put(batch);

        // then
        assertThat(context.timeouts).containsExactly(100L, 200L);
        assertThat(context.reported).hasSize(1);
        assertThat(context.reported.get(0).error()).hasMessage("gave up after 3 attempts: HTTP 500 boom");
        final Delivery failed = orderDelivery("m-1", "shop-1");
        assertThat(failed.getOutcome()).isEqualTo(DeliveryOutcome.FAILED);
        assertThat(failed.getAttempt()).isEqualTo(3);
        assertThat(server.requests).hasSize(3);
    }

    @Test
    void shouldDeadLetterOther4xxWithTheStatusAndBody() {
        // given
        final WebhookSinkTask task = start(orderProps());
        server.reply(422, "{\"error\": \"unknown shop\"}");

        // when
        task.put(List.of(order(0, Webhooks.order("m-1", "shop-1")), order(1, Webhooks.order("m-2", "shop-1"))));

        // then: one attempt, dead-lettered with the status and body, and the next order delivered
        assertThat(context.timeouts).isEmpty();
        assertThat(context.reported).hasSize(1);
        assertThat(context.reported.get(0).record().kafkaOffset()).isZero();
        assertThat(context.reported.get(0).error()).hasMessage("HTTP 422 {\"error\": \"unknown shop\"}");
        assertThat(orderDelivery("m-1", "shop-1").getOutcome()).isEqualTo(DeliveryOutcome.FAILED);
        assertThat(orderDelivery("m-1", "shop-1").getDetail()).isEqualTo("HTTP 422 {\"error\": \"unknown shop\"}");
        assertThat(orderDelivery("m-2", "shop-1").getOutcome()).isEqualTo(DeliveryOutcome.DELIVERED);
        assertThat(server.requests).hasSize(2);
    }

    @Test
    void shouldDeadLetterAnUnreadableValue() {
        final WebhookSinkTask task = start(orderProps());

        task.put(List.of(new SinkRecord("mail.order-import", 0, null, "k", null, "not avro".getBytes(), 0)));

        assertThat(context.reported).hasSize(1);
        assertThat(context.reported.get(0).error()).isInstanceOf(DataException.class);
        assertThat(server.requests).isEmpty();
    }

    @Test
    void shouldNeverPostTwiceAfterARetryOrARestart() {
        // given: a batch whose second order fails transiently
        final WebhookSinkTask first = start(orderProps());
        server.reply(200, "ok").reply(503, "busy");
        final List<SinkRecord> batch = List.of(
                order(0, Webhooks.order("m-1", "shop-1")),
                order(1, Webhooks.order("m-2", "shop-1")),
                order(2, Webhooks.order("m-3", "shop-1")));

        // when the worker hands the batch again, then a new task (the same deliveries) gets it once more
        assertThatThrownBy(() -> first.put(batch)).isInstanceOf(RetriableException.class);
        first.put(batch);
        first.stop();
        tasks.remove(first);
        final WebhookSinkTask second = start(orderProps());
        second.put(batch);
        second.put(List.of(order(3, Webhooks.order("m-4", "shop-1"))));

        // then each order was accepted exactly once
        assertThat(server.requests)
                .extracting(r -> r.headers().get("idempotency-key"))
                .containsExactly("m-1|shop-1", "m-2|shop-1", "m-2|shop-1", "m-3|shop-1", "m-4|shop-1");
        assertThat(List.of("m-1", "m-2", "m-3", "m-4"))
                .allSatisfy(id ->
                        assertThat(orderDelivery(id, "shop-1").getOutcome()).isEqualTo(DeliveryOutcome.DELIVERED));
    }

    private static String header(final String body) {
        try {
            return JSON.readTree(body)
                    .get("blocks")
                    .get(0)
                    .get("text")
                    .get("text")
                    .asText();
        } catch (IOException e) {
            throw new AssertionError(e);
        }
    }

    /** A clock the test moves. */
    private static final class ManualTime implements Time {
        private long now;

        ManualTime(final long now) {
            this.now = now;
        }

        @Override
        public long milliseconds() {
            return now;
        }

        @Override
        public long nanoseconds() {
            return now * 1_000_000;
        }

        @Override
        public void sleep(final long ms) {
            now += ms;
        }

        @Override
        public void waitObject(final Object obj, final Supplier<Boolean> condition, final long deadlineMs) {
            throw new UnsupportedOperationException();
        }
    }
}
