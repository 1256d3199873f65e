package io.mailroute.connectors.helpdesk;

import static io.mailroute.avro.Severity.HIGH;
import static io.mailroute.avro.Severity.INFO;
import static io.mailroute.avro.Severity.LOW;
import static io.mailroute.avro.Severity.MEDIUM;
import static io.mailroute.avro.Severity.URGENT;
import static io.mailroute.avro.TicketAction.CLOSE;
import static io.mailroute.avro.TicketAction.OPEN;
import static io.mailroute.avro.TicketAction.UPDATE;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.fasterxml.jackson.databind.ObjectMapper;
import io.mailroute.avro.ClassifiedMail;
import io.mailroute.avro.Delivery;
import io.mailroute.avro.DeliveryChannel;
import io.mailroute.avro.DeliveryOutcome;
import io.mailroute.avro.TicketAction;
import io.mailroute.connectors.delivery.DeliveryLog;
import io.mailroute.connectors.delivery.InMemoryDeliveryLog;
import io.mailroute.connectors.delivery.InMemorySchemaRegistry;
import io.mailroute.connectors.delivery.RecordingSinkTaskContext;
import io.mailroute.connectors.helpdesk.HelpdeskServer.Request;
import io.mailroute.connectors.helpdesk.HelpdeskServer.Ticket;
import java.io.IOException;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Base64;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.apache.kafka.common.utils.Time;
import org.apache.kafka.connect.errors.RetriableException;
import org.apache.kafka.connect.sink.SinkRecord;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/**
 * The helpdesk sink against a local server implementing Zendesk's and Backlog's API subset,
 * asserting the recorded requests: one ticket per key (OPEN looked up first, a second OPEN
 * comments), UPDATE and CLOSE, priority from severity, authentication, 429 with Retry-After, 5xx
 * retried, other 4xx dead-lettered, and nothing applied twice after a retry or a restart.
 */
class HelpdeskSinkTaskTest {
    private static final ObjectMapper JSON = new ObjectMapper();

    @RegisterExtension
    static final InMemorySchemaRegistry REGISTRY = new InMemorySchemaRegistry();

    private HelpdeskServer server;
    private InMemoryDeliveryLog deliveries;
    private RecordingSinkTaskContext context;
    private final List<HelpdeskSinkTask> tasks = new ArrayList<>();
    private long offset;

    @BeforeEach
    void setUp() throws IOException {
        server = new HelpdeskServer();
        deliveries = new InMemoryDeliveryLog();
        context = RecordingSinkTaskContext.withDeadLetterQueue();
    }

    @AfterEach
    void tearDown() {
        tasks.forEach(HelpdeskSinkTask::stop);
        server.close();
    }

    private Map<String, String> common(final HelpdeskSinkConfig.Setter setter) {
        return setter.deliveries("127.0.0.1:9", "mail.deliveries")
                .registryUrl(REGISTRY.url())
                .retries(3, Duration.ofMillis(100), Duration.ofSeconds(1))
                .props();
    }

    private Map<String, String> zendesk() {
        return common(HelpdeskSinkConfig.setter(new HashMap<>())
                .zendesk(server.url(), HelpdeskServer.EMAIL, HelpdeskServer.TOKEN));
    }

    private Map<String, String> backlog() {
        return common(HelpdeskSinkConfig.setter(new HashMap<>())
                .backlog(server.url() + "/", HelpdeskServer.API_KEY, HelpdeskServer.PROJECT_ID, 20001));
    }

    private HelpdeskSinkTask start(final Map<String, String> props) {
        final HelpdeskSinkTask task = new HelpdeskSinkTask((config, p) -> deliveries, Time.SYSTEM);
        task.initialize(context);
        task.start(props);
        tasks.add(task);
        return task;
    }

    private SinkRecord record(final ClassifiedMail mail) {
        return new SinkRecord(
                "mail.ticket", 0, null, mail.getMailId(), null, REGISTRY.serialize("mail.ticket", mail), offset++);
    }

    private static ClassifiedMail ticket(final String mailId, final TicketAction action, final String key) {
        return Tickets.ticket(mailId, action, key, HIGH);
    }

    private Delivery delivery(final String mailId) {
        return deliveries.latest(DeliveryLog.key(mailId, "123456789012", DeliveryChannel.HELPDESK));
    }

    private List<String> calls() {
        return server.requests.stream().map(r -> r.method() + " " + r.path()).toList();
    }

    @Test
    void shouldOpenAZendeskTicketOnceAndCommentOnItForEverySecondMailOfTheCase() throws Exception {
        // given
        final HelpdeskSinkTask task = start(zendesk());

        // when: the case opened, a second mail on it (OPEN again), an update, and another case
        task.put(List.of(
                record(ticket("m-1", OPEN, "case-1")),
                record(ticket("m-2", OPEN, "case-1")),
                record(ticket("m-3", UPDATE, "case-1")),
                record(ticket("m-4", OPEN, "case-2"))));

        // then
        assertThat(calls())
                .containsExactly(
                        "GET /api/v2/tickets.json",
                        "POST /api/v2/tickets.json",
                        "GET /api/v2/tickets.json",
                        "PUT /api/v2/tickets/1.json",
                        "GET /api/v2/tickets.json",
                        "PUT /api/v2/tickets/1.json",
                        "GET /api/v2/tickets.json",
                        "POST /api/v2/tickets.json");
        assertThat(server.requests.get(0).query()).containsEntry("external_id", "case-1");
        final var created = JSON.readTree(server.requests.get(1).body()).get("ticket");
        assertThat(created.get("external_id").asText()).isEqualTo("case-1");
        assertThat(created.get("subject").asText()).isEqualTo("AWS Support case case-1: 不正アクセスの疑い");
        assertThat(created.get("priority").asText()).isEqualTo("high");
        assertThat(created.get("comment").get("body").asText())
                .contains("Case case-1: OPEN requested.", "owner 123456789012 (Example Corp)", "mail m-1");
        final List<Ticket> tickets = server.all();
        assertThat(tickets).extracting(t -> t.externalId).containsExactly("case-1", "case-2");
        assertThat(tickets.get(0).comments).hasSize(3);
        assertThat(tickets.get(0).comments.get(2)).contains("mail m-3", "UPDATE");
        assertThat(server.requests)
                .allSatisfy(r -> assertThat(r.headers().get("authorization"))
                        .isEqualTo("Basic "
                                + Base64.getEncoder()
                                        .encodeToString("agent@example.com/token:zendesk-s3cret".getBytes())));
        assertThat(delivery("m-1").getOutcome()).isEqualTo(DeliveryOutcome.DELIVERED);
        assertThat(delivery("m-1").getDetail()).isEqualTo("created ticket 1 " + server.url() + "/agent/tickets/1");
        assertThat(delivery("m-1").getRecipients()).containsExactly(server.url() + "/agent/tickets/1");
        assertThat(delivery("m-2").getDetail()).startsWith("commented on ticket 1 ");
        assertThat(delivery("m-4").getDetail()).startsWith("created ticket 2 ");
    }

    @Test
    void shouldSolveAZendeskTicketOnCloseAndOpenOneOnAnUpdateWithoutTicket() throws Exception {
        // given
        final HelpdeskSinkTask task = start(zendesk());

        // when
        task.put(List.of(
                record(ticket("m-1", UPDATE, "case-9")),
                record(ticket("m-2", CLOSE, "case-9")),
                record(ticket("m-3", CLOSE, "case-unknown"))));

        // then
        assertThat(server.all()).hasSize(1);
        assertThat(server.all().get(0).status).isEqualTo("solved");
        assertThat(JSON.readTree(server.requests.get(3).body())
                        .get("ticket")
                        .get("status")
                        .asText())
                .isEqualTo("solved");
        assertThat(server.all().get(0).comments.get(1)).contains("CLOSE", "mail m-2");
        assertThat(delivery("m-2").getDetail()).startsWith("solved ticket 1 ");
        assertThat(delivery("m-3").getOutcome()).isEqualTo(DeliveryOutcome.DELIVERED);
        assertThat(delivery("m-3").getDetail()).isEqualTo("no ticket with external_id case-unknown to close");
        assertThat(calls()).hasSize(5);
    }

    @Test
    void shouldMapSeverityToZendeskPriority() throws Exception {
        // given
        final HelpdeskSinkTask task = start(zendesk());

        // when
        task.put(List.of(
                record(Tickets.ticket("m-1", OPEN, "k-1", URGENT)),
                record(Tickets.ticket("m-2", OPEN, "k-2", HIGH)),
                record(Tickets.ticket("m-3", OPEN, "k-3", MEDIUM)),
                record(Tickets.ticket("m-4", OPEN, "k-4", LOW)),
                record(Tickets.ticket("m-5", OPEN, "k-5", INFO))));

        // then
        assertThat(server.all()).extracting(t -> t.priority).containsExactly("urgent", "high", "normal", "low", "low");
    }

    @Test
    void shouldOpenABacklogIssueOnceCommentOnItAndCloseIt() throws Exception {
        // given
        final HelpdeskSinkTask task = start(backlog());

        // when: an unrelated issue that mentions the key in its text, then the case's mails
        task.put(List.of(record(Tickets.ticket("m-0", OPEN, "other", LOW))));
        server.all().get(0).description += " see also case-1";
        task.put(List.of(
                record(Tickets.ticket("m-1", OPEN, "case-1", URGENT)),
                record(ticket("m-2", OPEN, "case-1")),
                record(ticket("m-3", UPDATE, "case-1")),
                record(ticket("m-4", CLOSE, "case-1"))));

        // then
        assertThat(calls())
                .containsExactly(
                        "GET /api/v2/issues",
                        "POST /api/v2/issues",
                        "GET /api/v2/issues",
                        "POST /api/v2/issues",
                        "GET /api/v2/issues",
                        "POST /api/v2/issues/MR-2/comments",
                        "GET /api/v2/issues",
                        "POST /api/v2/issues/MR-2/comments",
                        "GET /api/v2/issues",
                        "PATCH /api/v2/issues/MR-2");
        final Request search = server.requests.get(2);
        assertThat(search.query())
                .containsEntry("projectId[]", "10001")
                .containsEntry("keyword", "case-1")
                .containsEntry("apiKey", HelpdeskServer.API_KEY);
        final Map<String, String> created = server.requests.get(3).form();
        assertThat(created)
                .containsEntry("projectId", "10001")
                .containsEntry("issueTypeId", "20001")
                .containsEntry("priorityId", "2")
                .containsEntry("summary", "[case-1] AWS Support case case-1: 不正アクセスの疑い");
        assertThat(server.requests.get(1).form()).containsEntry("priorityId", "4");
        assertThat(server.requests.get(9).form()).containsEntry("statusId", "4");
        final Ticket issue = server.all().get(1);
        assertThat(issue.status).isEqualTo("4");
        assertThat(issue.comments).hasSize(3);
        assertThat(issue.comments.get(2)).contains("CLOSE", "mail m-4");
        assertThat(server.requests).allSatisfy(r -> assertThat(r.query()).containsEntry("apiKey", "backlog-s3cret"));
        assertThat(delivery("m-1").getDetail()).isEqualTo("created issue MR-2 " + server.url() + "/view/MR-2");
        assertThat(delivery("m-3").getDetail()).startsWith("commented on issue MR-2 ");
        assertThat(delivery("m-4").getDetail()).startsWith("closed issue MR-2 ");
        assertThat(delivery("m-4").getRecipients()).containsExactly(server.url() + "/view/MR-2");
    }

    @Test
    void shouldUseTheConfiguredBacklogPriorityAndStatusIds() {
        // given
        final Map<String, String> props = backlog();
        props.put(HelpdeskSinkConfig.PRIORITY_NORMAL_ID_CONFIG, "7");
        props.put(HelpdeskSinkConfig.CLOSED_STATUS_ID_CONFIG, "9");
        final HelpdeskSinkTask task = start(props);

        // when
        task.put(List.of(
                record(Tickets.ticket("m-1", OPEN, "k-1", MEDIUM)),
                record(Tickets.ticket("m-2", CLOSE, "k-1", MEDIUM))));

        // then
        assertThat(server.requests.get(1).form()).containsEntry("priorityId", "7");
        assertThat(server.all().get(0).status).isEqualTo("9");
    }

    @Test
    void shouldHonourRetryAfterOn429() {
        // given
        final HelpdeskSinkTask task = start(zendesk());
        server.fail(429, "{\"error\":\"TooManyRequests\"}", "7");

        // when
        final SinkRecord record = record(ticket("m-1", OPEN, "case-1"));
        assertThatThrownBy(() -> task.put(List.of(record))).isInstanceOf(RetriableException.class);

        // then
        assertThat(context.timeouts).containsExactly(7_000L);
        assertThat(delivery("m-1").getOutcome()).isEqualTo(DeliveryOutcome.RETRYING);
        assertThat(delivery("m-1").getDetail()).startsWith("HTTP 429");

        // when the worker hands it again
        task.put(List.of(record));

        // then
        assertThat(delivery("m-1").getOutcome()).isEqualTo(DeliveryOutcome.DELIVERED);
        assertThat(delivery("m-1").getAttempt()).isEqualTo(2);
        assertThat(server.all()).hasSize(1);
    }

    @Test
    void shouldRetry5xxWithADoublingBackoffThenDeadLetter() {
        // given: every attempt fails
        final HelpdeskSinkTask task = start(backlog());
        server.fail(503, "busy", null).fail(502, "bad gateway", null).fail(500, "oops", null);
        final SinkRecord record = record(ticket("m-1", OPEN, "case-1"));

        // when
        assertThatThrownBy(() -> task.put(List.of(record))).isInstanceOf(RetriableException.class);
        assertThatThrownBy(() -> task.put(List.of(record))).isInstanceOf(RetriableException.class);
        task.put(List.of(record));

        // then
        assertThat(context.timeouts).containsExactly(100L, 200L);
        assertThat(delivery("m-1").getOutcome()).isEqualTo(DeliveryOutcome.FAILED);
        assertThat(delivery("m-1").getDetail()).isEqualTo("gave up after 3 attempts: HTTP 500 oops");
        assertThat(context.reported).hasSize(1);
        assertThat(server.all()).isEmpty();
    }

    @Test
    void shouldRetryACreateWhoseAnswerWasLostWithoutASecondTicket() {
        // given: the create reaches Zendesk but its answer is a 502
        final HelpdeskSinkTask task = start(zendesk());
        final SinkRecord record = record(ticket("m-1", OPEN, "case-1"));
        server.loseNextCreateAnswer();

        // when
        assertThatThrownBy(() -> task.put(List.of(record))).isInstanceOf(RetriableException.class);
        task.put(List.of(record));

        // then: the retry found the ticket
        assertThat(server.all()).hasSize(1);
        assertThat(delivery("m-1").getOutcome()).isEqualTo(DeliveryOutcome.DELIVERED);
        assertThat(delivery("m-1").getDetail()).startsWith("commented on ticket 1 ");
    }

    @Test
    void shouldDeadLetterOther4xxWithTheStatusAndBody() {
        // given: wrong credentials
        final Map<String, String> props = zendesk();
        props.put(HelpdeskSinkConfig.TOKEN_CONFIG, "wrong");
        final HelpdeskSinkTask task = start(props);

        // when
        task.put(List.of(record(ticket("m-1", OPEN, "case-1"))));

        // then: not retried
        assertThat(server.requests).hasSize(1);
        assertThat(context.timeouts).isEmpty();
        assertThat(delivery("m-1").getOutcome()).isEqualTo(DeliveryOutcome.FAILED);
        assertThat(delivery("m-1").getDetail()).isEqualTo("HTTP 401 {\"error\":\"Couldn't authenticate you\"}");
        assertThat(context.reported).hasSize(1);
        assertThat(context.reported.get(0).error()).hasMessageContaining("HTTP 401");
    }

    @Test
    void shouldNeverApplyARecordTwiceAfterARetryOrARestart() {
        // given: a batch whose second record fails transiently
        final HelpdeskSinkTask first = start(backlog());
        final List<SinkRecord> batch = List.of(
                record(ticket("m-1", OPEN, "case-1")),
                record(ticket("m-2", UPDATE, "case-1")),
                record(ticket("m-3", UPDATE, "case-1")));
        first.put(List.of(batch.get(0)));
        server.fail(503, "busy", null);

        // when the worker hands the batch again, then a new task (the same deliveries) gets it once more
        assertThatThrownBy(() -> first.put(batch)).isInstanceOf(RetriableException.class);
        first.put(batch);
        first.stop();
        tasks.remove(first);
        final HelpdeskSinkTask second = start(backlog());
        second.put(batch);

        // then one issue with each update's comment exactly once
        assertThat(server.all()).hasSize(1);
        assertThat(server.all().get(0).comments)
                .hasSize(2)
                .satisfiesExactly(
                        c -> assertThat(c).contains("mail m-2"),
                        c -> assertThat(c).contains("mail m-3"));
        assertThat(List.of("m-1", "m-2", "m-3"))
                .allSatisfy(id -> assertThat(delivery(id).getOutcome()).isEqualTo(DeliveryOutcome.DELIVERED));
    }
}
