package io.mailroute.connectors.webhook;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

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
import io.mailroute.connectors.it.ConnectStack;
import io.mailroute.connectors.webhook.WebhookServer.Request;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.function.Function;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Collectors;
import java.util.stream.StreamSupport;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;

/**
 * {@link WebhookSinkConnector} in the real Connect runtime, for orders ({@code webhook.kind=order})
 * and for chat ({@code webhook.kind=chat}): records (Avro, as the topology writes them) on a broker,
 * a local HTTP server as the order system or the chat webhook (slow, and answering 503 now and
 * then), outcomes read back from {@code mail.deliveries}.
 */
@Tag("integration")
class WebhookSinkConnectorIT {
    private static final String GROUP = "webhook-sink-it";
    private static final Duration TIMEOUT = Duration.ofSeconds(90);
    private static final ObjectMapper JSON = new ObjectMapper();
    private static final String SUMMARY_TITLE = "New patterns seen again";

    private static ConnectStack stack;
    private WebhookServer server;

    @BeforeAll
    static void startStack() {
        stack = ConnectStack.start(GROUP);
    }

    @AfterAll
    static void stopStack() {
        if (stack != null) {
            stack.close();
        }
    }

    @BeforeEach
    void startServer() throws Exception {
        server = new WebhookServer();
    }

    @AfterEach
    void stopServer() {
        server.close();
    }

    @Test
    void shouldPostEveryOrderExactlyOnceAcrossATaskRestart() throws Exception {
        // given
        final String name = "webhook-order";
        final int orders = 40;
        final List<ClassifiedMail> mails = new ArrayList<>();
        for (int i = 0; i < orders; i++) {
            mails.add(Webhooks.order(name + "/mail-" + i, "shop-" + (i % 7)));
        }
        stack.createSinkTopics(name, "orders");
        stack.produce(name + ".orders", mails, ClassifiedMail::getOwnerId);
        server.delay(50).reply(503, "busy").reply(503, "busy");

        // when the connector runs, its tasks are restarted mid-flow, and it runs on
        stack.rest().putConnectorConfig(name, server.orderSink(stack, name));
        stack.rest().awaitRunning(name, 2, TIMEOUT);
        await().atMost(TIMEOUT).until(() -> accepted(name).size() >= orders / 3);
        stack.rest().restart(name, true, false);

        // then every order was accepted exactly once, with its idempotency key, and is recorded DELIVERED
        awaitDelivered(name, orders);
        await().during(Duration.ofSeconds(3))
                .atMost(TIMEOUT)
                .until(() -> accepted(name).size() == orders);
        assertThat(accepted(name).values())
                .allSatisfy(count -> assertThat(count).isOne());
        assertThat(accepted(name).keySet())
                .containsExactlyInAnyOrderElementsOf(
                        mails.stream().map(OrderPosts::idempotencyKey).toList());
        final Map<String, Delivery> deliveries = stack.deliveries(name + ".deliveries");
        mails.forEach(m -> {
            final Delivery delivery =
                    deliveries.get(DeliveryLog.key(m.getMailId(), m.getOwnerId(), DeliveryChannel.ORDER_WEBHOOK));
            assertThat(delivery.getOutcome()).isEqualTo(DeliveryOutcome.DELIVERED);
            assertThat(delivery.getDetail()).isEqualTo("HTTP 200 ok");
            assertThat(delivery.getChannel()).isEqualTo(DeliveryChannel.ORDER_WEBHOOK);
        });
        assertThat(server.requests).anySatisfy(r -> assertThat(r.status()).isEqualTo(503));
    }

    @Test
    void shouldPostAlertsAtOnceAndNewPatternsOnceThenInTheSummary() throws Exception {
        // given a flood, a bounce rate, two critical (urgent) new-pattern alerts of one key, and
        // two new patterns, one of them seen three times
        final String name = "webhook-chat";
        final Instant t0 = Webhooks.T0;
        final Alert flood = Webhooks.alert(AlertType.FLOOD, AlertLevel.WARNING, "flood:bulk.example", 250, t0);
        final Alert bounceRate = Alert.newBuilder(
                        Webhooks.alert(AlertType.BOUNCE_RATE, AlertLevel.CRITICAL, "bounce-rate:owner-1", 40, t0))
                .setRate(0.125)
                .setThreshold(0.05)
                .build();
        final Alert urgent = Webhooks.alert(AlertType.NEW_PATTERN, AlertLevel.CRITICAL, "pattern:urgent", 3, t0);
        final Alert urgentAgain =
                Webhooks.alert(AlertType.NEW_PATTERN, AlertLevel.CRITICAL, "pattern:urgent", 9, t0.plusSeconds(60));
        final Alert seenThrice = Webhooks.alert(AlertType.NEW_PATTERN, AlertLevel.INFO, "pattern:p", 1, t0);
        final Alert seenOnce = Webhooks.alert(AlertType.NEW_PATTERN, AlertLevel.WARNING, "pattern:q", 1, t0);
        final List<Alert> alerts = List.of(
                flood,
                seenThrice,
                bounceRate,
                Alert.newBuilder(seenThrice)
                        .setCount(4)
                        .setRaisedAt(t0.plusSeconds(60))
                        .build(),
                urgent,
                seenOnce,
                Alert.newBuilder(seenThrice)
                        .setCount(7)
                        .setRaisedAt(t0.plusSeconds(120))
                        .build(),
                urgentAgain);
        final List<Alert> postedAtOnce = List.of(flood, bounceRate, urgent, urgentAgain, seenThrice, seenOnce);
        stack.createSinkTopics(name, "alerts");
        stack.produce(name + ".alerts", alerts, Alert::getAlertKey);

        // when the connector runs with a summary every 2 s
        stack.rest().putConnectorConfig(name, server.chatSink(stack, name, Duration.ofSeconds(2)));
        stack.rest().awaitRunning(name, 2, TIMEOUT);

        // then each alert posted at once is DELIVERED, and the later sightings of pattern:p are summarised
        awaitDelivered(name, postedAtOnce.size());
        await().atMost(TIMEOUT).until(() -> sightingsSummarised("pattern:p") == 2);
        final Map<String, Delivery> deliveries = stack.deliveries(name + ".deliveries");
        postedAtOnce.forEach(a -> assertThat(deliveries.get(
                        DeliveryLog.key(a.getAlertKey() + "@" + a.getRaisedAt(), null, DeliveryChannel.CHAT)))
                .as(a.getAlertKey() + "@" + a.getRaisedAt())
                .satisfies(d -> assertThat(d.getOutcome()).isEqualTo(DeliveryOutcome.DELIVERED)));
        assertThat(deliveries.keySet()).anySatisfy(k -> assertThat(k).startsWith("new-patterns@"));

        // each as one Block Kit message; pattern:p only once on its own, the urgent pattern every time
        final Map<String, Long> postsPerKey = alertPosts(name).stream()
                .collect(Collectors.groupingBy(m -> field(m, "Key").replace("`", ""), Collectors.counting()));
        assertThat(postsPerKey)
                .containsExactlyInAnyOrderEntriesOf(Map.of(
                        "flood:bulk.example", 1L,
                        "bounce-rate:owner-1", 1L,
                        "pattern:urgent", 2L,
                        "pattern:p", 1L,
                        "pattern:q", 1L));
        assertThat(alertPosts(name)).allSatisfy(m -> {
            assertThat(m.path("blocks").get(0).path("type").asText()).isEqualTo("header");
            assertThat(m.path("text").asText()).isNotBlank();
        });
        final JsonNode bounce = alertPosts(name).stream()
                .filter(m -> field(m, "Key").equals("`bounce-rate:owner-1`"))
                .findFirst()
                .orElseThrow();
        assertThat(bounce.path("blocks").get(0).path("text").path("text").asText())
                .isEqualTo("CRITICAL · BOUNCE_RATE");
        assertThat(field(bounce, "Rate")).isEqualTo("12.5 % (threshold 5.0 %)");
        assertThat(bounce.toString())
                .contains("<https://mailroute.example.com/api/status/incoming%2Fm%202|incoming/m 2>");
        assertThat(server.accepted("/" + name))
                .allSatisfy(r -> assertThat(r.headers().get("content-type")).startsWith("application/json"));
        assertThat(sightingsSummarised("pattern:q")).isZero();
        assertThat(sightingsSummarised("pattern:urgent")).isZero();
    }

    private static void awaitDelivered(final String name, final int records) {
        await().atMost(TIMEOUT)
                .until(() -> stack.deliveries(name + ".deliveries").values().stream()
                                .filter(d -> d.getOutcome() == DeliveryOutcome.DELIVERED)
                                .count()
                        == records);
    }

    /** How many times the order system accepted each idempotency key. */
    private Map<String, Long> accepted(final String name) {
        return server.accepted("/" + name).stream()
                .map(r -> r.headers().get("idempotency-key"))
                .collect(Collectors.groupingBy(Function.identity(), Collectors.counting()));
    }

    /** The chat messages of single alerts posted to {@code /<name>}, as JSON. */
    private List<JsonNode> alertPosts(final String name) {
        return chatPosts(name).stream()
                .filter(m -> !m.path("text").asText().startsWith(SUMMARY_TITLE))
                .toList();
    }

    /** The summaries' count of later sightings of {@code alertKey}, over every summary posted. */
    private long sightingsSummarised(final String alertKey) {
        final Pattern line = Pattern.compile("• `" + Pattern.quote(alertKey) + "` .*: (\\d+) sightings?");
        return server.requests.stream()
                .filter(r -> r.status() == 200)
                .map(WebhookSinkConnectorIT::json)
                .filter(m -> m.path("text").asText().startsWith(SUMMARY_TITLE))
                .map(m -> m.path("blocks").get(1).path("text").path("text").asText())
                .flatMap(String::lines)
                .map(line::matcher)
                .filter(Matcher::find)
                .mapToLong(m -> Long.parseLong(m.group(1)))
                .sum();
    }

    private List<JsonNode> chatPosts(final String name) {
        return server.accepted("/" + name).stream()
                .map(WebhookSinkConnectorIT::json)
                .toList();
    }

    /** The value of the field {@code *<name>*\n<value>} of an alert's message. */
    private static String field(final JsonNode message, final String name) {
        return StreamSupport.stream(message.path("blocks").spliterator(), false)
                .flatMap(b -> StreamSupport.stream(b.path("fields").spliterator(), false))
                .map(f -> f.path("text").asText())
                .filter(t -> t.startsWith("*" + name + "*\n"))
                .map(t -> t.substring(name.length() + 3))
                .findFirst()
                .orElse("");
    }

    private static JsonNode json(final Request request) {
        try {
            return JSON.readTree(request.body());
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
