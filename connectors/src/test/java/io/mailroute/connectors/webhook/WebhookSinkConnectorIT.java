package io.mailroute.connectors.webhook;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import io.mailroute.avro.ClassifiedMail;
import io.mailroute.avro.Delivery;
import io.mailroute.avro.DeliveryChannel;
import io.mailroute.avro.DeliveryOutcome;
import io.mailroute.connectors.common.RegistryConfig;
import io.mailroute.connectors.delivery.DeliveryLog;
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
import java.util.function.Function;
import java.util.stream.Collectors;
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
 * {@link WebhookSinkConnector} ({@code webhook.kind=order}) in the real Connect runtime: order-import
 * records (Avro, as the topology writes them) on a broker, a local HTTP server as the order system
 * (slow, and answering 503 now and then), outcomes read back from {@code mail.deliveries}.
 */
@Tag("integration")
class WebhookSinkConnectorIT {
    private static final String GROUP = "webhook-sink-it";
    private static final Duration TIMEOUT = Duration.ofSeconds(90);

    private static ConnectStack stack;
    private static WebhookServer server;

    @BeforeAll
    static void startStack() throws Exception {
        stack = ConnectStack.start(GROUP);
        server = new WebhookServer();
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
    void shouldPostEveryOrderExactlyOnceAcrossATaskRestart() throws Exception {
        // given
        final String name = "webhook-order";
        final int orders = 40;
        final List<ClassifiedMail> mails = givenOrders(name, orders);
        server.delay(50).reply(503, "busy").reply(503, "busy");

        // when the connector runs, its tasks are restarted mid-flow, and it runs on
        stack.rest().putConnectorConfig(name, connectorConfig(name));
        stack.rest().awaitRunning(name, 2, TIMEOUT);
        await().atMost(TIMEOUT).until(() -> accepted(name).size() >= orders / 3);
        stack.rest().restart(name, true, false);

        // then every order was accepted exactly once, with its idempotency key, and is recorded DELIVERED
        await().atMost(TIMEOUT)
                .until(() -> outcomes(name).values().stream()
                                .filter(d -> d.getOutcome() == DeliveryOutcome.DELIVERED)
                                .count()
                        == orders);
        await().during(Duration.ofSeconds(3))
                .atMost(TIMEOUT)
                .until(() -> accepted(name).size() == orders);
        assertThat(accepted(name).values())
                .allSatisfy(count -> assertThat(count).isOne());
        assertThat(accepted(name).keySet())
                .containsExactlyInAnyOrderElementsOf(
                        mails.stream().map(OrderPosts::idempotencyKey).toList());
        final Map<String, Delivery> deliveries = outcomes(name);
        mails.forEach(m -> {
            final Delivery delivery =
                    deliveries.get(DeliveryLog.key(m.getMailId(), m.getOwnerId(), DeliveryChannel.ORDER_WEBHOOK));
            assertThat(delivery.getOutcome()).isEqualTo(DeliveryOutcome.DELIVERED);
            assertThat(delivery.getDetail()).isEqualTo("HTTP 200 ok");
            assertThat(delivery.getChannel()).isEqualTo(DeliveryChannel.ORDER_WEBHOOK);
        });
        assertThat(server.requests).anySatisfy(r -> assertThat(r.status()).isEqualTo(503));
    }

    /** Topics {@code <name>.orders} and {@code <name>.deliveries}, and {@code orders} order records. */
    private static List<ClassifiedMail> givenOrders(final String name, final int orders) throws Exception {
        stack.createTopics(
                new NewTopic(name + ".orders", 2, (short) 1),
                new NewTopic(name + ".deliveries", 2, (short) 1)
                        .configs(Map.of(TopicConfig.CLEANUP_POLICY_CONFIG, TopicConfig.CLEANUP_POLICY_COMPACT)));
        final Map<String, Object> serde = Map.of(AvroSerdeConfig.SCHEMA_REGISTRY_URL_CONFIG, registryUrl());
        final List<ClassifiedMail> mails = new ArrayList<>();
        try (KafkaProducer<String, byte[]> producer = new KafkaProducer<>(
                        stack.kafka().clientConfig(), new StringSerializer(), new ByteArraySerializer());
                AvroSerializer<SpecificRecord> serializer =
                        new AvroSerializer<>(SchemaRegistryClients.fromConfig(serde))) {
            serializer.configure(serde, false);
            final String topic = name + ".orders";
            for (int i = 0; i < orders; i++) {
                final ClassifiedMail mail = Webhooks.order(name + "/mail-" + i, "shop-" + (i % 7));
                mails.add(mail);
                producer.send(new ProducerRecord<>(topic, mail.getOwnerId(), serializer.serialize(topic, mail)));
            }
            producer.flush();
        }
        return mails;
    }

    private static String registryUrl() {
        return stack.connectorConfig("any").get(RegistryConfig.URL_CONFIG);
    }

    private static Map<String, String> connectorConfig(final String name) {
        final Map<String, String> config = new HashMap<>(stack.connectorConfig(WebhookSinkConnector.class.getName()));
        config.remove("exactly.once.support");
        config.put("tasks.max", "2");
        config.put("topics", name + ".orders");
        WebhookSinkConfig.setter(config)
                .order(server.url("/" + name), "it-token")
                .deliveries(stack.kafka().bootstrapServers(), name + ".deliveries")
                .retries(5, Duration.ofMillis(200), Duration.ofSeconds(2))
                .set("errors.tolerance", "all")
                .set("errors.deadletterqueue.topic.name", name + ".dlq")
                .set("errors.deadletterqueue.topic.replication.factor", "1")
                .set("errors.deadletterqueue.context.headers.enable", "true")
                .set("consumer.override.max.poll.records", "5");
        return config;
    }

    /** How many times the order system accepted each idempotency key. */
    private static Map<String, Long> accepted(final String name) {
        return server.requests.stream()
                .filter(r -> r.path().equals("/" + name) && r.status() == 200)
                .map(r -> r.headers().get("idempotency-key"))
                .collect(Collectors.groupingBy(Function.identity(), Collectors.counting()));
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
