package io.mailroute.connectors.it;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import com.fasterxml.jackson.databind.ObjectMapper;
import io.mailroute.avro.ClassifiedMail;
import io.mailroute.avro.Delivery;
import io.mailroute.avro.DeliveryChannel;
import io.mailroute.avro.DeliveryOutcome;
import io.mailroute.avro.Severity;
import io.mailroute.avro.TicketAction;
import io.mailroute.connectors.delivery.DeliveryLog;
import io.mailroute.connectors.helpdesk.HelpdeskServer;
import io.mailroute.connectors.helpdesk.Tickets;
import io.mailroute.connectors.webhook.WebhookServer;
import io.mailroute.connectors.webhook.Webhooks;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.stream.Collectors;
import java.util.stream.IntStream;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;

/**
 * The helpdesk sink (Zendesk) and the order webhook sink in one Connect worker in a child JVM,
 * SIGKILLed mid-flow, then replaced by a worker of the same group: what each sink promises across
 * the kill. Zendesk's {@code external_id} lookup keeps one ticket per case; an order accepted but
 * whose DELIVERED was not acknowledged before the kill is posted once more, with the same
 * Idempotency-Key, and nothing recorded DELIVERED before the kill is posted again.
 */
@Tag("integration")
class SinkWorkerKillIT {
    private static final String GROUP = "sink-kill-it";
    private static final Duration TIMEOUT = Duration.ofSeconds(90);
    private static final ObjectMapper JSON = new ObjectMapper();
    private static final String HELPDESK = "kill-helpdesk";
    private static final String ORDERS = "kill-orders";
    private static final int CASES = 10;
    private static final int ORDER_COUNT = 40;
    private static final int TASKS = 2;

    @Test
    void shouldKeepOneTicketPerCaseAndPostEveryOrderWhenTheWorkerIsKilledMidFlow() throws Exception {
        try (ConnectStack stack = ConnectStack.startWithoutWorker(GROUP);
                HelpdeskServer helpdesk = new HelpdeskServer();
                WebhookServer orderSystem = new WebhookServer()) {
            // given 10 cases of four ticket records each, 40 orders, and slow remote sides
            final List<ClassifiedMail> tickets = givenTickets(stack);
            final List<ClassifiedMail> orders = givenOrders(stack);
            helpdesk.delay(100);
            orderSystem.delay(150);

            // when both sinks run in one worker that is killed with SIGKILL mid-flow
            final Map<String, Delivery> beforeKill;
            try (ChildConnectWorker child =
                    ChildConnectWorker.start(stack.kafka().bootstrapServers(), GROUP)) {
                child.rest().putConnectorConfig(HELPDESK, helpdesk.zendeskSink(stack, HELPDESK));
                child.rest().putConnectorConfig(ORDERS, orderSystem.orderSink(stack, ORDERS));
                child.rest().awaitRunning(HELPDESK, TASKS, TIMEOUT);
                child.rest().awaitRunning(ORDERS, TASKS, TIMEOUT);
                await().atMost(TIMEOUT)
                        .until(() -> helpdesk.all().size() >= CASES / 3
                                && orderSystem.accepted("/" + ORDERS).size() >= ORDER_COUNT / 4);
                child.kill();
                beforeKill = stack.deliveries(ORDERS + ".deliveries");
            }
            // and a worker of the same group takes over
            stack.connect().start();

            // then every ticket record and every order is recorded DELIVERED
            awaitDelivered(stack, HELPDESK, tickets.size());
            awaitDelivered(stack, ORDERS, orders.size());
            final Map<String, Delivery> ticketOutcomes = stack.deliveries(HELPDESK + ".deliveries");
            tickets.forEach(m -> assertThat(ticketOutcomes.get(
                            DeliveryLog.key(m.getMailId(), m.getOwnerId(), DeliveryChannel.HELPDESK)))
                    .as(m.getMailId())
                    .satisfies(d -> assertThat(d.getOutcome()).isEqualTo(DeliveryOutcome.DELIVERED)));
            final Map<String, Delivery> orderOutcomes = stack.deliveries(ORDERS + ".deliveries");
            orders.forEach(m -> assertThat(orderOutcomes.get(
                            DeliveryLog.key(m.getMailId(), m.getOwnerId(), DeliveryChannel.ORDER_WEBHOOK)))
                    .as(m.getMailId())
                    .satisfies(d -> assertThat(d.getOutcome()).isEqualTo(DeliveryOutcome.DELIVERED)));

            // exactly one Zendesk ticket per case, solved
            assertThat(helpdesk.all())
                    .extracting(t -> t.externalId)
                    .containsExactlyInAnyOrderElementsOf(
                            IntStream.range(0, CASES).mapToObj(c -> "case-" + c).toList());
            assertThat(helpdesk.all()).allSatisfy(t -> assertThat(t.status).isEqualTo("solved"));

            // every order posted at least once, every post of one order with its one Idempotency-Key
            final Map<String, List<String>> keysByMail = orderSystem.accepted("/" + ORDERS).stream()
                    .collect(Collectors.groupingBy(
                            r -> mailIdOf(r.body()),
                            Collectors.mapping(r -> r.headers().get("idempotency-key"), Collectors.toList())));
            assertThat(keysByMail.keySet())
                    .containsExactlyInAnyOrderElementsOf(
                            orders.stream().map(ClassifiedMail::getMailId).toList());
            orders.forEach(m -> assertThat(Set.copyOf(keysByMail.get(m.getMailId())))
                    .as(m.getMailId())
                    .containsExactly(m.getMailId() + "|" + m.getOwnerId()));

            // posted again: none recorded DELIVERED before the kill, at most the one each task had in flight
            final List<String> repeated = keysByMail.entrySet().stream()
                    .filter(e -> e.getValue().size() > 1)
                    .map(Map.Entry::getKey)
                    .sorted()
                    .toList();
            final List<String> deliveredBeforeKill = beforeKill.values().stream()
                    .filter(d -> d.getOutcome() == DeliveryOutcome.DELIVERED)
                    .map(Delivery::getMailId)
                    .toList();
            System.out.printf(
                    "SinkWorkerKillIT: %d of %d orders DELIVERED before the kill; %d posted again after it: %s%n",
                    deliveredBeforeKill.size(), ORDER_COUNT, repeated.size(), repeated);
            assertThat(deliveredBeforeKill).isNotEmpty().hasSizeLessThan(ORDER_COUNT);
            assertThat(repeated).doesNotContainAnyElementsOf(deliveredBeforeKill);
            assertThat(repeated).hasSizeLessThanOrEqualTo(TASKS);
            assertThat(keysByMail.values())
                    .allSatisfy(posts -> assertThat(posts).hasSizeLessThanOrEqualTo(2));
        }
    }

    /** {@code kill-helpdesk.tickets}: each case opened, opened again by a second mail, updated and closed. */
    private static List<ClassifiedMail> givenTickets(final ConnectStack stack) {
        stack.createSinkTopics(HELPDESK, "tickets");
        final List<TicketAction> actions =
                List.of(TicketAction.OPEN, TicketAction.OPEN, TicketAction.UPDATE, TicketAction.CLOSE);
        final List<ClassifiedMail> mails = new ArrayList<>();
        for (int step = 0; step < actions.size(); step++) {
            for (int c = 0; c < CASES; c++) {
                mails.add(Tickets.ticket(
                        HELPDESK + "/mail-" + c + "-" + step,
                        actions.get(step),
                        "case-" + c,
                        Severity.values()[c % 5]));
            }
        }
        stack.produce(HELPDESK + ".tickets", mails, ClassifiedMail::getTicketKey);
        return mails;
    }

    /** {@code kill-orders.orders}: 40 orders of 7 shops. */
    private static List<ClassifiedMail> givenOrders(final ConnectStack stack) {
        stack.createSinkTopics(ORDERS, "orders");
        final List<ClassifiedMail> mails = IntStream.range(0, ORDER_COUNT)
                .mapToObj(i -> Webhooks.order(ORDERS + "/mail-" + i, "shop-" + (i % 7)))
                .toList();
        stack.produce(ORDERS + ".orders", mails, ClassifiedMail::getOwnerId);
        return mails;
    }

    private static void awaitDelivered(final ConnectStack stack, final String name, final int records) {
        await().atMost(TIMEOUT)
                .until(() -> stack.deliveries(name + ".deliveries").values().stream()
                                .filter(d -> d.getOutcome() == DeliveryOutcome.DELIVERED)
                                .count()
                        == records);
    }

    private static String mailIdOf(final String orderJson) {
        try {
            return JSON.readTree(orderJson).path("mailId").asText();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
