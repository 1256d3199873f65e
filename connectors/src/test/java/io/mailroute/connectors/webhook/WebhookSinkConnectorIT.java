package io.mailroute.connectors.webhook;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import io.mailroute.avro.ClassifiedMail;
import io.mailroute.avro.Delivery;
import io.mailroute.avro.DeliveryChannel;
import io.mailroute.avro.DeliveryOutcome;
import io.mailroute.connectors.delivery.DeliveryLog;
import io.mailroute.connectors.it.ConnectStack;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.function.Function;
import java.util.stream.Collectors;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;

/**
 * {@link WebhookSinkConnector} ({@code webhook.kind=order}) in the real Connect runtime: order-import
 * records (Avro, as the topology writes them) on a broker, a local HTTP server as the order system
 * (slow, and answering 503 now and then), outcomes read back from {@code mail.deliveries}.
 */
@Tag("integration")
class WebhookSinkConnectorIT {
    private static final String GROUP = "webhook-sink-it";
    private static final Duration TIMEOUT = Duration.ofSeconds(90);

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
}
