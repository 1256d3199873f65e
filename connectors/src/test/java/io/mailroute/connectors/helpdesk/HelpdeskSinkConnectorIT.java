package io.mailroute.connectors.helpdesk;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import io.mailroute.avro.ClassifiedMail;
import io.mailroute.avro.Delivery;
import io.mailroute.avro.DeliveryChannel;
import io.mailroute.avro.DeliveryOutcome;
import io.mailroute.avro.Severity;
import io.mailroute.avro.TicketAction;
import io.mailroute.connectors.common.RegistryConfig;
import io.mailroute.connectors.delivery.DeliveryLog;
import io.mailroute.connectors.helpdesk.HelpdeskServer.Ticket;
import io.mailroute.connectors.it.ConnectStack;
import io.mailroute.connectors.it.ReadCommittedConsumer;
import io.mailroute.schemas.registry.SchemaRegistryClients;
import io.mailroute.schemas.serde.AvroDeserializer;
import io.mailroute.schemas.serde.AvroSerdeConfig;
import io.mailroute.schemas.serde.AvroSerializer;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.apache.avro.specific.SpecificRecord;
import org.apache.kafka.clients.admin.NewTopic;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.config.TopicConfig;
import org.apache.kafka.common.serialization.ByteArraySerializer;
import org.apache.kafka.common.serialization.StringSerializer;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;

/**
 * {@link HelpdeskSinkConnector} ({@code helpdesk.kind=zendesk}) in the real Connect runtime: ticket
 * records (Avro, as the topology writes them, keyed by ticket key) on a broker, the local helpdesk
 * server as Zendesk (slow, and answering 503 now and then), outcomes read back from
 * {@code mail.deliveries}.
 */
@Tag("integration")
class HelpdeskSinkConnectorIT {
    private static final String GROUP = "helpdesk-sink-it";
    private static final Duration TIMEOUT = Duration.ofSeconds(90);

    private static ConnectStack stack;
    private static HelpdeskServer server;

    @BeforeAll
    static void startStack() throws Exception {
        stack = ConnectStack.start(GROUP);
        server = new HelpdeskServer();
    }

    @AfterAll
    static void stopStack() {
        if (server != null) {
            server.close();
        }
        if (stack != null) {
            stack.close();
        }
    }

    @Test
    void shouldKeepOneTicketPerKeyAndApplyEveryRecordOnceAcrossATaskRestart() throws Exception {
        // given: 10 cases, each opened, opened again by a second mail, updated and closed
        final String name = "helpdesk-zendesk";
        final int cases = 10;
        final List<ClassifiedMail> mails = givenTickets(name, cases);
        server.delay(20).fail(503, "busy", null).fail(503, "busy", null);

        // when the connector runs, its tasks are restarted mid-flow, and it runs on
        stack.rest().putConnectorConfig(name, connectorConfig(name));
        stack.rest().awaitRunning(name, 2, TIMEOUT);
        await().atMost(TIMEOUT).until(() -> server.all().size() >= cases / 3);
        stack.rest().restart(name, true, false);

        // then every record is DELIVERED, and each case has exactly one ticket, solved, with one
        // comment per mail
        await().atMost(TIMEOUT)
                .until(() -> outcomes(name).values().stream()
                                .filter(d -> d.getOutcome() == DeliveryOutcome.DELIVERED)
                                .count()
                        == mails.size());
        final List<Ticket> tickets = server.all();
        assertThat(tickets).hasSize(cases);
        assertThat(tickets).extracting(t -> t.externalId).doesNotHaveDuplicates();
        assertThat(tickets).allSatisfy(t -> {
            assertThat(t.status).isEqualTo("solved");
            assertThat(t.comments).hasSizeGreaterThanOrEqualTo(4);
        });
        final Map<String, Delivery> deliveries = outcomes(name);
        mails.forEach(m -> assertThat(deliveries
                        .get(DeliveryLog.key(m.getMailId(), m.getOwnerId(), DeliveryChannel.HELPDESK))
                        .getOutcome())
                .isEqualTo(DeliveryOutcome.DELIVERED));
        assertThat(server.requests).anySatisfy(r -> assertThat(r.path()).isEqualTo("/api/v2/tickets.json"));
    }

    /** Topics {@code <name>.tickets} and {@code <name>.deliveries}, and four records per case. */
    private static List<ClassifiedMail> givenTickets(final String name, final int cases) throws Exception {
        stack.createTopics(
                new NewTopic(name + ".tickets", 2, (short) 1),
                new NewTopic(name + ".deliveries", 2, (short) 1)
                        .configs(Map.of(TopicConfig.CLEANUP_POLICY_CONFIG, TopicConfig.CLEANUP_POLICY_COMPACT)));
        final Map<String, Object> serde = Map.of(AvroSerdeConfig.SCHEMA_REGISTRY_URL_CONFIG, registryUrl());
        final List<ClassifiedMail> mails = new ArrayList<>();
        final List<TicketAction> actions =
                List.of(TicketAction.OPEN, TicketAction.OPEN, TicketAction.UPDATE, TicketAction.CLOSE);
        try (KafkaProducer<String, byte[]> producer = new KafkaProducer<>(
                        stack.kafka().clientConfig(), new StringSerializer(), new ByteArraySerializer());
                AvroSerializer<SpecificRecord> serializer =
                        new AvroSerializer<>(SchemaRegistryClients.fromConfig(serde))) {
            serializer.configure(serde, false);
            final String topic = name + ".tickets";
            for (int step = 0; step < actions.size(); step++) {
                for (int c = 0; c < cases; c++) {
                    final String key = "case-" + c;
                    final ClassifiedMail mail = Tickets.ticket(
                            name + "/mail-" + c + "-" + step, actions.get(step), key, Severity.values()[c % 5]);
                    mails.add(mail);
                    producer.send(new ProducerRecord<>(topic, key, serializer.serialize(topic, mail)));
                }
            }
            producer.flush();
        }
        return mails;
    }

    private static String registryUrl() {
        return stack.connectorConfig("any").get(RegistryConfig.URL_CONFIG);
    }

    private static Map<String, String> connectorConfig(final String name) {
        final Map<String, String> config = new HashMap<>(stack.connectorConfig(HelpdeskSinkConnector.class.getName()));
        config.remove("exactly.once.support");
        config.put("tasks.max", "2");
        config.put("topics", name + ".tickets");
        HelpdeskSinkConfig.setter(config)
                .zendesk(server.url(), HelpdeskServer.EMAIL, HelpdeskServer.TOKEN)
                .deliveries(stack.kafka().bootstrapServers(), name + ".deliveries")
                .retries(5, Duration.ofMillis(200), Duration.ofSeconds(2))
                .set("errors.tolerance", "all")
                .set("errors.deadletterqueue.topic.name", name + ".dlq")
                .set("errors.deadletterqueue.topic.replication.factor", "1")
                .set("errors.deadletterqueue.context.headers.enable", "true")
                .set("consumer.override.max.poll.records", "5");
        return config;
    }

    private static Map<String, Delivery> outcomes(final String name) {
        final String topic = name + ".deliveries";
        try (ReadCommittedConsumer consumer =
                        new ReadCommittedConsumer(stack.kafka().bootstrapServers(), topic);
                AvroDeserializer<Delivery> deserializer = stack.deserializer(Delivery.class)) {
            while (!consumer.caughtUp()) {
                // read to the end
            }
            final Map<String, Delivery> latest = new HashMap<>();
            consumer.records(topic).forEach(r -> latest.put(r.key(), deserializer.deserialize(topic, r.value())));
            return latest;
        }
    }
}
