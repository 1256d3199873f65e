package io.mailroute.connectors.smtp;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import com.icegreen.greenmail.configuration.GreenMailConfiguration;
import com.icegreen.greenmail.util.GreenMail;
import com.icegreen.greenmail.util.ServerSetupTest;
import io.mailroute.avro.ClassifiedMail;
import io.mailroute.avro.Delivery;
import io.mailroute.avro.DeliveryChannel;
import io.mailroute.avro.DeliveryOutcome;
import io.mailroute.avro.RawMail;
import io.mailroute.avro.Storage;
import io.mailroute.connectors.delivery.DeliveryLog;
import io.mailroute.connectors.it.ChildConnectWorker;
import io.mailroute.connectors.it.ConnectStack;
import io.mailroute.embedded.EmbeddedS3;
import jakarta.mail.Multipart;
import jakarta.mail.internet.MimeMessage;
import java.nio.ByteBuffer;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.function.Function;
import java.util.stream.Collectors;
import org.apache.kafka.clients.admin.NewTopic;
import org.apache.kafka.clients.producer.RecordMetadata;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import software.amazon.awssdk.core.sync.RequestBody;
import software.amazon.awssdk.services.s3.S3Client;

/**
 * {@link SmtpSinkConnector} in the real Connect runtime: notify records (Avro, as the topology
 * writes them) on a broker, originals in S3Proxy, GreenMail as the SMTP server, outcomes read back
 * from {@code mail.deliveries}. Each test has its own topics and connector on the shared broker.
 */
@Tag("integration")
class SmtpSinkConnectorIT {
    private static final String GROUP = "smtp-sink-it";
    private static final Duration TIMEOUT = Duration.ofSeconds(90);

    private static ConnectStack stack;
    private static EmbeddedS3 s3;
    private static S3Client client;
    private static GreenMail greenMail;

    private String name;

    @BeforeAll
    static void startStack() {
        stack = ConnectStack.startWithoutWorker(GROUP);
        s3 = EmbeddedS3.builder().start();
        client = s3.newClient();
        s3.createBucket(Notices.BUCKET);
        greenMail = new GreenMail(ServerSetupTest.SMTP.dynamicPort())
                .withConfiguration(GreenMailConfiguration.aConfig().withDisabledAuthentication());
        greenMail.start();
    }

    @AfterAll
    static void stopStack() {
        if (greenMail != null) {
            greenMail.stop();
        }
        if (client != null) {
            client.close();
        }
        if (stack != null) {
            stack.close();
        }
        if (s3 != null) {
            s3.close();
        }
    }

    @AfterEach
    void deleteConnector() throws Exception {
        if (name != null
                && stack.connect().isRunning()
                && stack.rest().findStatus(name).isPresent()) {
            stack.rest().deleteConnector(name);
        }
        greenMail.purgeEmailFromAllMailboxes();
    }

    @Test
    void shouldDeliverEveryNoticeExactlyOnceAcrossARestart() throws Exception {
        // given
        startWorker();
        name = "smtp-once";
        final int mails = 30;
        final List<ClassifiedMail> notices = givenNotices(name, mails);

        // when the connector runs, is restarted mid-flow, and runs on
        stack.rest().putConnectorConfig(name, connectorConfig(name));
        stack.rest().awaitRunning(name, 2, TIMEOUT);
        await().atMost(TIMEOUT).until(() -> received(name).size() >= mails / 3);
        stack.rest().restart(name, true, false);

        // then each owner's recipients got the notice exactly once, and each is recorded DELIVERED
        final Map<String, Delivery> deliveries = awaitOutcomes(name, mails + 1);
        await().during(Duration.ofSeconds(3))
                .atMost(TIMEOUT)
                .until(() -> received(name).size() == mails);
        assertThat(received(name).values())
                .allSatisfy(count -> assertThat(count).isOne());
        assertThat(received(name).keySet())
                .containsExactlyInAnyOrderElementsOf(notices.stream()
                        .filter(n -> n.getOwnerContacts() != null)
                        .map(ClassifiedMail::getMailId)
                        .toList());
        notices.forEach(n -> {
            final Delivery delivery =
                    deliveries.get(DeliveryLog.key(n.getMailId(), n.getOwnerId(), DeliveryChannel.SMTP));
            if (n.getOwnerContacts() == null) {
                assertThat(delivery.getOutcome()).isEqualTo(DeliveryOutcome.FAILED);
                assertThat(delivery.getDetail()).isEqualTo("no recipients");
            } else {
                assertThat(delivery.getOutcome()).isEqualTo(DeliveryOutcome.DELIVERED);
                assertThat(delivery.getDetail()).startsWith("250");
            }
        });
        // with the original attached, from S3 or, when S3 has it no more, from the inline mail.raw record
        assertThat(messagesOf(name)).allSatisfy(m -> {
            final Multipart parts = (Multipart) m.getContent();
            assertThat(parts.getCount()).isEqualTo(2);
            assertThat(parts.getBodyPart(1).isMimeType("message/rfc822")).isTrue();
        });
        assertThat(deliveries.values())
                .noneSatisfy(d -> assertThat(d.getDetail()).contains("not attached"));
    }

    @Test
    void shouldNotSendAgainWhatWasDeliveredBeforeTheWorkerWasKilled() throws Exception {
        // given a worker in a child JVM running the connector
        name = "smtp-kill";
        final int mails = 60;
        final List<ClassifiedMail> notices = givenNotices(name, mails);
        if (stack.connect().isRunning()) {
            stack.connect().stop();
        }
        final Map<String, Delivery> before;
        try (ChildConnectWorker child = ChildConnectWorker.start(stack.kafka().bootstrapServers(), GROUP)) {
            child.rest().putConnectorConfig(name, connectorConfig(name));
            child.rest().awaitRunning(name, 2, TIMEOUT);

            // when it is killed with SIGKILL mid-flow
            await().atMost(TIMEOUT).until(() -> received(name).size() >= mails / 4);
            child.kill();
            before = outcomes(name);
        }
        // and a worker of the same group takes over
        startWorker();

        // then every notice arrived; none recorded DELIVERED before the kill arrived twice, and at
        // most the one each task had in flight (between the server's 250 and the broker's ack) did
        final Map<String, Delivery> deliveries = awaitOutcomes(name, mails + 1);
        await().during(Duration.ofSeconds(3))
                .atMost(TIMEOUT)
                .until(() -> received(name).size() == mails);
        final Map<String, Long> counts = received(name);
        final List<String> deliveredBeforeKill = before.values().stream()
                .filter(d -> d.getOutcome() == DeliveryOutcome.DELIVERED)
                .map(d -> d.getMailId())
                .toList();
        assertThat(deliveredBeforeKill).isNotEmpty();
        assertThat(deliveredBeforeKill)
                .allSatisfy(id -> assertThat(counts.get(id)).as(id).isOne());
        final List<String> duplicates = counts.entrySet().stream()
                .filter(e -> e.getValue() > 1)
                .map(Map.Entry::getKey)
                .toList();
        assertThat(duplicates).hasSizeLessThanOrEqualTo(2);
        assertThat(counts.values()).allSatisfy(c -> assertThat(c).isLessThanOrEqualTo(2L));
        assertThat(deliveries.values().stream().filter(d -> d.getOutcome() == DeliveryOutcome.DELIVERED))
                .hasSize(mails);
        assertThat(notices).hasSize(mails + 1);
    }

    private static void startWorker() {
        if (!stack.connect().isRunning()) {
            stack.connect().start();
        }
    }

    /**
     * Topics {@code <name>.notify}, {@code <name>.deliveries} and {@code <name>.raw}; {@code mails}
     * notices with originals in S3, but every tenth only as an inline record on {@code <name>.raw}
     * (as after {@code after.read=delete}); and one notice without contacts.
     */
    private List<ClassifiedMail> givenNotices(final String name, final int mails) {
        stack.createSinkTopics(name, "notify");
        stack.createTopics(new NewTopic(name + ".raw", 1, (short) 1));
        final List<ClassifiedMail> notices = new ArrayList<>();
        for (int i = 0; i < mails; i++) {
            final String mailId = name + "/mail-" + i;
            final byte[] original = Notices.original(mailId);
            final ClassifiedMail.Builder notice = ClassifiedMail.newBuilder(Notices.notice(
                    mailId, "owner-" + i, i % 2 == 0 ? "ja" : "en", List.of("owner-" + i + "@" + name + ".example")));
            if (i % 10 == 9) {
                final String raw = name + ".raw";
                final RawMail inline = RawMail.newBuilder()
                        .setMailId(mailId)
                        .setBucket(Notices.BUCKET)
                        .setKey(mailId)
                        .setSize(original.length)
                        .setSha256(Notices.sha256(original))
                        .setReceivedAt(Notices.T0)
                        .setIngestedAt(Notices.T0)
                        .setStorage(Storage.INLINE)
                        .setContent(ByteBuffer.wrap(original))
                        .build();
                final RecordMetadata written =
                        stack.produce(raw, List.of(inline), RawMail::getMailId).get(0);
                notice.getRaw().setTopic(raw);
                notice.getRaw().setPartition(written.partition());
                notice.getRaw().setOffset(written.offset());
            } else {
                client.putObject(b -> b.bucket(Notices.BUCKET).key(mailId), RequestBody.fromBytes(original));
            }
            notices.add(notice.build());
        }
        notices.add(Notices.builder(name + "/no-contacts", "owner-none").build());
        stack.produce(name + ".notify", notices, ClassifiedMail::getOwnerId);
        return notices;
    }

    private Map<String, String> connectorConfig(final String name) {
        final Map<String, String> config =
                stack.sinkConnectorConfig(SmtpSinkConnector.class.getName(), name, name + ".notify");
        config.putAll(SmtpSinkConfig.S3.connectionProperties(s3.settings()));
        SmtpSinkConfig.setter(config)
                .smtp("127.0.0.1", greenMail.getSmtp().getPort())
                .security(SmtpSinkConfig.Security.NONE)
                .from("mailroute notices <no-reply@mailroute.example>", "support@mailroute.example")
                .deliveries(stack.kafka().bootstrapServers(), name + ".deliveries")
                .retries(5, Duration.ofMillis(200), Duration.ofSeconds(2));
        return config;
    }

    /** How many times each mail id arrived, by its X-Mailroute-Mail-Id header (one recipient per notice). */
    private static Map<String, Long> received(final String name) {
        return messagesOf(name).stream()
                .map(m -> header(m, NoticeComposer.MAIL_ID_HEADER))
                .collect(Collectors.groupingBy(Function.identity(), Collectors.counting()));
    }

    private static List<MimeMessage> messagesOf(final String name) {
        return Arrays.stream(greenMail.getReceivedMessages())
                .filter(m -> header(m, NoticeComposer.MAIL_ID_HEADER).startsWith(name + "/"))
                .toList();
    }

    private static String header(final MimeMessage message, final String header) {
        try {
            final String value = message.getHeader(header, null);
            return value == null ? "" : value;
        } catch (Exception e) {
            throw new AssertionError(e);
        }
    }

    /** Waits until {@code keys} keys have a final outcome (DELIVERED or FAILED); the latest per key. */
    private static Map<String, Delivery> awaitOutcomes(final String name, final int keys) {
        await().atMost(TIMEOUT)
                .until(() -> outcomes(name).values().stream()
                                .filter(d -> d.getOutcome() != DeliveryOutcome.RETRYING)
                                .count()
                        >= keys);
        return outcomes(name);
    }

    private static Map<String, Delivery> outcomes(final String name) {
        return stack.deliveries(name + ".deliveries");
    }
}
