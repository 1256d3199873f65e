package io.mailroute.connectors.helpdesk;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import io.mailroute.avro.ClassifiedMail;
import io.mailroute.avro.Delivery;
import io.mailroute.avro.DeliveryChannel;
import io.mailroute.avro.DeliveryOutcome;
import io.mailroute.avro.Severity;
import io.mailroute.avro.TicketAction;
import io.mailroute.connectors.delivery.DeliveryLog;
import io.mailroute.connectors.helpdesk.HelpdeskServer.Request;
import io.mailroute.connectors.helpdesk.HelpdeskServer.Ticket;
import io.mailroute.connectors.it.ConnectStack;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;

/**
 * {@link HelpdeskSinkConnector} in the real Connect runtime, as Zendesk and as Backlog: ticket
 * records (Avro, as the topology writes them, keyed by ticket key) on a broker, the local helpdesk
 * server (slow, and answering 503 now and then), outcomes read back from {@code mail.deliveries}.
 */
@Tag("integration")
class HelpdeskSinkConnectorIT {
    private static final String GROUP = "helpdesk-sink-it";
    private static final Duration TIMEOUT = Duration.ofSeconds(90);
    private static final List<TicketAction> CASE_ACTIONS =
            List.of(TicketAction.OPEN, TicketAction.OPEN, TicketAction.UPDATE, TicketAction.CLOSE);

    private static ConnectStack stack;
    private HelpdeskServer server;

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
        server = new HelpdeskServer();
    }

    @AfterEach
    void stopServer() {
        server.close();
    }

    @Test
    void shouldKeepOneTicketPerKeyAndApplyEveryRecordOnceAcrossATaskRestart() throws Exception {
        // given: 10 cases, each opened, opened again by a second mail, updated and closed
        final String name = "helpdesk-zendesk";
        final int cases = 10;
        final List<ClassifiedMail> mails = givenTickets(name, cases);
        server.delay(20).fail(503, "busy", null).fail(503, "busy", null);

        // when the connector runs, its tasks are restarted mid-flow, and it runs on
        stack.rest().putConnectorConfig(name, server.zendeskSink(stack, name));
        stack.rest().awaitRunning(name, 2, TIMEOUT);
        await().atMost(TIMEOUT).until(() -> server.all().size() >= cases / 3);
        stack.rest().restart(name, true, false);

        // then every record is DELIVERED, and each case has exactly one ticket, solved, with one
        // comment per mail
        awaitDelivered(name, mails.size());
        final List<Ticket> tickets = server.all();
        assertThat(tickets).hasSize(cases);
        assertThat(tickets).extracting(t -> t.externalId).doesNotHaveDuplicates();
        assertThat(tickets).allSatisfy(t -> {
            assertThat(t.status).isEqualTo("solved");
            assertThat(t.comments).hasSizeGreaterThanOrEqualTo(4);
        });
        final Map<String, Delivery> deliveries = stack.deliveries(name + ".deliveries");
        mails.forEach(m -> assertThat(deliveries.get(key(m)).getOutcome()).isEqualTo(DeliveryOutcome.DELIVERED));
        assertThat(server.requests).anySatisfy(r -> assertThat(r.path()).isEqualTo("/api/v2/tickets.json"));
    }

    @Test
    void shouldOpenOneBacklogIssuePerKeyThenCommentOnItAndCloseIt() throws Exception {
        // given: 6 cases, each opened, opened again by a second mail, updated and closed
        final String name = "helpdesk-backlog";
        final int cases = 6;
        final List<ClassifiedMail> mails = givenTickets(name, cases);
        server.delay(10);

        // when
        stack.rest().putConnectorConfig(name, server.backlogSink(stack, name, 7));
        stack.rest().awaitRunning(name, 2, TIMEOUT);

        // then every record is DELIVERED
        awaitDelivered(name, mails.size());
        final Map<String, Delivery> deliveries = stack.deliveries(name + ".deliveries");
        final List<Ticket> issues = server.all();
        assertThat(issues).hasSize(cases);
        assertThat(issues).extracting(t -> t.key).doesNotHaveDuplicates();
        for (int c = 0; c < cases; c++) {
            final String ticketKey = "case-" + c;
            final Ticket issue = issues.stream()
                    .filter(t -> t.subject.startsWith("[" + ticketKey + "] "))
                    .findFirst()
                    .orElseThrow(() -> new AssertionError("no issue for " + ticketKey));
            final List<ClassifiedMail> ofCase = mailsOf(mails, cases, c);

            // the first OPEN created the issue with the case's priority; the second OPEN found it
            // again by its key and commented, as did the UPDATE; the CLOSE closed it with a comment
            assertThat(issue.priority).as(ticketKey).isEqualTo(expectedPriorityId(ofCase.get(0)));
            assertThat(issue.description).contains("mail " + ofCase.get(0).getMailId());
            assertThat(issue.comments).as(ticketKey).hasSize(3);
            for (int step = 1; step < CASE_ACTIONS.size(); step++) {
                assertThat(issue.comments.get(step - 1))
                        .endsWith("mail " + ofCase.get(step).getMailId());
            }
            assertThat(issue.status).as(ticketKey).isEqualTo("4");
            assertThat(detailOf(deliveries, ofCase.get(0))).startsWith("created issue " + issue.key + " ");
            assertThat(detailOf(deliveries, ofCase.get(1))).startsWith("commented on issue " + issue.key + " ");
            assertThat(detailOf(deliveries, ofCase.get(2))).startsWith("commented on issue " + issue.key + " ");
            assertThat(detailOf(deliveries, ofCase.get(3))).startsWith("closed issue " + issue.key + " ");

            // as the recorded requests show: one create, two comments, one close
            assertThat(requests("POST", "/api/v2/issues"))
                    .filteredOn(r -> r.form().get("summary").startsWith("[" + ticketKey + "] "))
                    .singleElement()
                    .satisfies(r -> {
                        assertThat(r.form()).containsEntry("projectId", Long.toString(HelpdeskServer.PROJECT_ID));
                        assertThat(r.form()).containsEntry("issueTypeId", "7");
                    });
            assertThat(requests("POST", "/api/v2/issues/" + issue.key + "/comments"))
                    .hasSize(2);
            assertThat(requests("PATCH", "/api/v2/issues/" + issue.key))
                    .singleElement()
                    .satisfies(r -> assertThat(r.form()).containsEntry("statusId", "4"));
        }
        assertThat(server.requests)
                .allSatisfy(r -> assertThat(r.query()).containsEntry("apiKey", HelpdeskServer.API_KEY));
        assertThat(requests("GET", "/api/v2/issues")).hasSize(mails.size());
    }

    /** Topics {@code <name>.tickets} and {@code <name>.deliveries}, and four records per case, step by step. */
    private static List<ClassifiedMail> givenTickets(final String name, final int cases) {
        stack.createSinkTopics(name, "tickets");
        final List<ClassifiedMail> mails = new ArrayList<>();
        for (int step = 0; step < CASE_ACTIONS.size(); step++) {
            for (int c = 0; c < cases; c++) {
                mails.add(Tickets.ticket(
                        name + "/mail-" + c + "-" + step,
                        CASE_ACTIONS.get(step),
                        "case-" + c,
                        Severity.values()[c % 5]));
            }
        }
        stack.produce(name + ".tickets", mails, ClassifiedMail::getTicketKey);
        return mails;
    }

    /** The records of case {@code c}, in the order they were written. */
    private static List<ClassifiedMail> mailsOf(final List<ClassifiedMail> mails, final int cases, final int c) {
        final List<ClassifiedMail> ofCase = new ArrayList<>();
        for (int step = 0; step < CASE_ACTIONS.size(); step++) {
            ofCase.add(mails.get(step * cases + c));
        }
        return ofCase;
    }

    /** The documented default priority ids: high for URGENT and HIGH, normal for MEDIUM, low otherwise. */
    private static String expectedPriorityId(final ClassifiedMail mail) {
        return switch (mail.getSeverity()) {
            case URGENT, HIGH -> "2";
            case MEDIUM -> "3";
            case LOW, INFO -> "4";
        };
    }

    private List<Request> requests(final String method, final String path) {
        return server.requests.stream()
                .filter(r -> r.method().equals(method) && r.path().equals(path))
                .toList();
    }

    private static String detailOf(final Map<String, Delivery> deliveries, final ClassifiedMail mail) {
        return deliveries.get(key(mail)).getDetail();
    }

    private static String key(final ClassifiedMail mail) {
        return DeliveryLog.key(mail.getMailId(), mail.getOwnerId(), DeliveryChannel.HELPDESK);
    }

    private static void awaitDelivered(final String name, final int records) {
        await().atMost(TIMEOUT)
                .until(() -> stack.deliveries(name + ".deliveries").values().stream()
                                .filter(d -> d.getOutcome() == DeliveryOutcome.DELIVERED)
                                .count()
                        == records);
    }
}
