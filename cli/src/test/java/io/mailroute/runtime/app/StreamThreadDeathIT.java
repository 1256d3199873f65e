package io.mailroute.runtime.app;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import io.mailroute.avro.AccountMapping;
import io.mailroute.avro.AccountStatus;
import io.mailroute.avro.ClassifiedMail;
import io.mailroute.avro.DeadLetter;
import io.mailroute.avro.RawMail;
import io.mailroute.avro.Storage;
import io.mailroute.runtime.client.ClientSettings;
import io.mailroute.runtime.client.TopicPublisher;
import io.mailroute.runtime.client.TopicReader;
import io.mailroute.schemas.registry.SchemaRegistryClients;
import io.mailroute.schemas.topics.MailTopics;
import io.mailroute.schemas.topics.Topic;
import io.mailroute.stack.MailrouteStack;
import io.mailroute.topology.TopologyServices;
import io.mailroute.topology.bouncereport.DetectedBounces;
import io.mailroute.topology.fetch.MailBodyStore;
import io.mailroute.topology.support.Hashes;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.util.Map;
import java.util.concurrent.atomic.AtomicInteger;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.streams.KafkaStreams;
import org.apache.kafka.streams.StreamsConfig;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;

/**
 * A mail that kills its stream thread, in the running app against a real broker: the app replaces
 * the thread, the new thread reads the mail again, and after the second death the mail is
 * dead-lettered instead of read a third time; the mail behind it is routed.
 */
@Tag("integration")
class StreamThreadDeathIT {
    private static final String ROOT = "aws-root@example.co.jp";
    private static final String ACCOUNT = "123456789012";
    private static final String SCOPE = "StreamThreadDeathIT";

    @Test
    void shouldDeadLetterAMailThatKilledTwoStreamThreadsAndRouteTheNext() throws Exception {
        // given: a bounce detector that throws an Error no stage turns into a dead letter, on one mail
        final AtomicInteger deaths = new AtomicInteger();
        try (MailrouteStack stack = MailrouteStack.builder()
                .kafka()
                .topics()
                .partitions(1)
                .existingRegistry("mock://" + SCOPE)
                .beforeApp(StreamThreadDeathIT::publishAccount)
                .app(Map.of(
                        StreamsConfig.APPLICATION_ID_CONFIG,
                        SCOPE,
                        StreamsConfig.COMMIT_INTERVAL_MS_CONFIG,
                        100,
                        StreamsConfig.NUM_STREAM_THREADS_CONFIG,
                        1,
                        // a dead thread's consumer does not leave the group: its partitions move on after the
                        // session timeout
                        StreamsConfig.mainConsumerPrefix(ConsumerConfig.SESSION_TIMEOUT_MS_CONFIG),
                        6_000))
                .topologyServices(config -> new TopologyServices(MailBodyStore.NONE, (raw, parsed) -> {
                    if ("killer".equals(parsed.subject())) {
                        deaths.incrementAndGet();
                        throw new InternalError("broken by this mail");
                    }
                    return DetectedBounces.NONE;
                }))
                .start()) {
            final ClientSettings clients = stack.client();
            final MailTopics topics = clients.topics(clients.registry());
            final MailrouteApp app = stack.app();

            // when
            send(clients, topics.raw(), "m-killer", inline("m-killer", mail("killer")));
            send(clients, topics.raw(), "m-1", inline("m-1", mail("Amazon Web Services Billing Statement Available")));

            // then
            final TopicReader reader = new TopicReader(clients);
            await("the killer mail dead-lettered")
                    .dontCatchUncaughtExceptions()
                    .atMost(Duration.ofMinutes(2))
                    .untilAsserted(
                            () -> assertThat(reader.readAll(topics.dlq(), "m-killer"::equals, Duration.ofSeconds(5)))
                                    .extracting(TopicReader.Entry::value)
                                    .extracting(DeadLetter::getErrorClass)
                                    .containsExactly("mailroute:killed-stream-threads"));
            await("the next mail routed")
                    .dontCatchUncaughtExceptions()
                    .atMost(Duration.ofMinutes(1))
                    .untilAsserted(() -> assertThat(
                                    reader.readAll(topics.notifications(), ACCOUNT::equals, Duration.ofSeconds(5)))
                            .extracting(TopicReader.Entry::value)
                            .extracting(ClassifiedMail::getMailId)
                            .containsExactly("m-1"));
            assertThat(deaths).hasValue(2);
            assertThat(app.kafkaStreams().state()).isEqualTo(KafkaStreams.State.RUNNING);
            assertThat(app.kafkaStreams().metadataForLocalThreads()).hasSize(1);
        } finally {
            SchemaRegistryClients.dropScope(SCOPE);
        }
    }

    /** The account of the mails, there before the app starts. */
    private static void publishAccount(final ClientSettings clients) throws Exception {
        send(
                clients,
                clients.topics(clients.registry()).accounts(),
                ACCOUNT,
                AccountMapping.newBuilder()
                        .setAccountId(ACCOUNT)
                        .setEmail(ROOT)
                        .setName("Prod")
                        .setStatus(AccountStatus.ACTIVE)
                        .setSource("test")
                        .setSyncedAt(Instant.now())
                        .build());
    }

    private static byte[] mail(final String subject) {
        return ("Authentication-Results: amazonses.com; spf=pass smtp.mailfrom=amazonses.com;"
                        + " dkim=pass header.i=@amazon.com; dmarc=pass header.from=amazon.com\r\n"
                        + "From: Amazon Web Services <aws-billing@amazon.com>\r\nTo: " + ROOT + "\r\nSubject: "
                        + subject
                        + "\r\nContent-Type: text/plain; charset=utf-8\r\n\r\nYour statement is available.\r\n")
                .getBytes(StandardCharsets.UTF_8);
    }

    private static RawMail inline(final String mailId, final byte[] bytes) {
        final Instant now = Instant.now();
        return RawMail.newBuilder()
                .setMailId(mailId)
                .setBucket("mail-inbound")
                .setKey(mailId)
                .setSize(bytes.length)
                .setSha256(Hashes.sha256Hex(bytes))
                .setReceivedAt(now)
                .setIngestedAt(now)
                .setStorage(Storage.INLINE)
                .setContent(ByteBuffer.wrap(bytes))
                .build();
    }

    private static <V> void send(
            final ClientSettings clients, final Topic<String, V> topic, final String key, final V value)
            throws Exception {
        try (TopicPublisher publisher = new TopicPublisher(clients)) {
            publisher.send(topic, key, value);
            publisher.awaitAcks();
        }
    }
}
