package io.mailroute.connectors.smtp;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.icegreen.greenmail.configuration.GreenMailConfiguration;
import com.icegreen.greenmail.junit5.GreenMailExtension;
import com.icegreen.greenmail.util.ServerSetup;
import com.icegreen.greenmail.util.ServerSetupTest;
import io.mailroute.avro.ClassifiedMail;
import io.mailroute.avro.Delivery;
import io.mailroute.avro.DeliveryChannel;
import io.mailroute.avro.DeliveryOutcome;
import io.mailroute.avro.Severity;
import io.mailroute.connectors.delivery.DeliveryAttempts;
import io.mailroute.connectors.delivery.DeliveryAttempts.Result;
import io.mailroute.connectors.delivery.DeliveryLog;
import io.mailroute.connectors.delivery.InMemoryDeliveryLog;
import io.mailroute.connectors.delivery.Retry;
import io.mailroute.connectors.delivery.Undeliverable;
import io.mailroute.connectors.smtp.SmtpSinkConfig.Security;
import io.mailroute.s3.S3Failure;
import jakarta.mail.BodyPart;
import jakarta.mail.Multipart;
import jakarta.mail.Part;
import jakarta.mail.internet.InternetAddress;
import jakarta.mail.internet.MimeMessage;
import java.io.ByteArrayOutputStream;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.Arrays;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.stream.Collectors;
import org.apache.kafka.common.utils.Time;
import org.apache.kafka.connect.errors.ConnectException;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/**
 * The notice for one (mail, owner) against GreenMail (plain SMTP with AUTH, and SMTPS with its
 * test certificate), and against {@link SmtpResponder} for the 4xx and 5xx replies GreenMail never gives.
 */
class NoticeDelivererTest {
    private static final String USER = "notices";
    private static final String PASSWORD = "s3cret";

    @RegisterExtension
    static final GreenMailExtension greenMail = new GreenMailExtension(
                    ServerSetup.dynamicPort(new ServerSetup[] {ServerSetupTest.SMTP, ServerSetupTest.SMTPS}))
            .withConfiguration(GreenMailConfiguration.aConfig().withUser(USER, PASSWORD))
            .withPerMethodLifecycle(true);

    private InMemoryDeliveryLog deliveries;

    @BeforeEach
    void setUp() {
        deliveries = new InMemoryDeliveryLog();
    }

    private static Map<String, String> props(final int port) {
        return SmtpSinkConfig.setter(new HashMap<>())
                .smtp("127.0.0.1", port)
                .security(Security.NONE)
                .from("Mail notices <no-reply@mailroute.example>", "support@mailroute.example")
                .deliveries("127.0.0.1:9", "mail.deliveries")
                .registryUrl("http://127.0.0.1:9")
                .props();
    }

    private NoticeDeliverer deliverer(final Map<String, String> props) {
        return deliverer(
                props, new OriginalMails(check -> Notices.original(check.key()), ref -> Optional.empty(), 1024 * 1024));
    }

    private NoticeDeliverer deliverer(final Map<String, String> props, final OriginalMails originals) {
        final SmtpSinkConfig config = new SmtpSinkConfig(props);
        final SmtpSender sender = new SmtpSender(config);
        final NoticeComposer composer = new NoticeComposer(
                config, new NoticeTemplates(config.templatesDir(), config.defaultLocale()), sender.session());
        return new NoticeDeliverer(
                composer,
                sender,
                originals,
                new DeliveryAttempts(deliveries, config.deliveries().retryPolicy(), Time.SYSTEM));
    }

    private static String key(final ClassifiedMail mail) {
        return DeliveryLog.key(mail.getMailId(), mail.getOwnerId(), DeliveryChannel.SMTP);
    }

    @Test
    void shouldSendOneNoticeToTheOwnersRecipientsWithTheOriginalAttached() throws Exception {
        // given
        final ClassifiedMail mail =
                Notices.notice("m-1", "111111111111", "en", List.of("ops@owner.example", "cto@owner.example"));

        // when
        final Result result = deliverer(props(greenMail.getSmtp().getPort())).deliver(mail);

        // then one message, one copy per recipient mailbox
        assertThat(result).isEqualTo(Result.DELIVERED);
        final MimeMessage[] received = greenMail.getReceivedMessages();
        assertThat(received).hasSize(2);
        assertThat(Arrays.stream(received).map(m -> header(m, "Message-ID")).distinct())
                .containsExactly(NoticeComposer.messageId("m-1", "111111111111", "mailroute.example"));
        final MimeMessage message = received[0];
        assertThat(message.getFrom()).containsExactly(new InternetAddress("Mail notices <no-reply@mailroute.example>"));
        assertThat(Arrays.stream(message.getAllRecipients()).map(Object::toString))
                .containsExactly("ops@owner.example", "cto@owner.example");
        assertThat(header(message, NoticeComposer.MAIL_ID_HEADER)).isEqualTo("m-1");
        assertThat(message.getSubject()).isEqualTo("[mailroute][INFO] Your AWS bill for 111111111111");
        final Multipart parts = (Multipart) message.getContent();
        assertThat(parts.getCount()).isEqualTo(2);
        assertThat(parts.getBodyPart(0).getContent().toString())
                .contains("Dear Example Corp 111111111111,")
                .contains("Reference: m-1")
                .contains("The original mail is attached.");
        final BodyPart attachment = parts.getBodyPart(1);
        assertThat(attachment.isMimeType("message/rfc822")).isTrue();
        assertThat(attachment.getDisposition()).isEqualTo(Part.ATTACHMENT);
        assertThat(attachment.getFileName()).isEqualTo(NoticeComposer.ATTACHMENT_NAME);
        assertThat(new String(rawContent(attachment), StandardCharsets.US_ASCII).replace("\r\n", "\n"))
                .isEqualTo(new String(Notices.original("m-1"), StandardCharsets.US_ASCII).replace("\r\n", "\n"));

        final Delivery delivery = deliveries.latest(key(mail));
        assertThat(delivery.getOutcome()).isEqualTo(DeliveryOutcome.DELIVERED);
        assertThat(delivery.getChannel()).isEqualTo(DeliveryChannel.SMTP);
        assertThat(delivery.getDetail()).startsWith("250");
        assertThat(delivery.getRecipients()).containsExactly("ops@owner.example", "cto@owner.example");
        assertThat(delivery.getAttempt()).isEqualTo(1);
    }

    @Test
    void shouldRenderTheOwnersLocaleAndFallBackToTheDefaultTemplate() throws Exception {
        // given a Japanese owner with a billing mail, and one whose category has no template of its own
        final ClassifiedMail billing = Notices.notice("m-ja", "222222222222", "ja-JP", List.of("keiri@owner.example"));
        final ClassifiedMail other = ClassifiedMail.newBuilder(
                        Notices.notice("m-ja-2", "222222222222", "ja", List.of("keiri@owner.example")))
                .setCategory("aws-health")
                .build();
        final NoticeDeliverer deliverer = deliverer(props(greenMail.getSmtp().getPort()));

        // when
        deliverer.deliver(billing);
        deliverer.deliver(other);

        // then
        final Map<String, MimeMessage> byMailId = Arrays.stream(greenMail.getReceivedMessages())
                .collect(Collectors.toMap(m -> header(m, NoticeComposer.MAIL_ID_HEADER), m -> m));
        assertThat(byMailId.get("m-ja").getSubject())
                .isEqualTo("[mailroute][INFO] 請求に関するお知らせ: Your AWS bill for 222222222222");
        assertThat(bodyText(byMailId.get("m-ja")))
                .contains("Example Corp 222222222222 御中")
                .contains("元のメールを添付しております。");
        assertThat(byMailId.get("m-ja-2").getSubject()).isEqualTo("[mailroute] Your AWS bill for 222222222222");
        assertThat(bodyText(byMailId.get("m-ja-2")))
                .contains("分類:     aws-health")
                .contains("元のメールを添付しております。");
        assertThat(header(byMailId.get("m-ja"), "Content-Language")).isEqualTo("ja");
    }

    @Test
    void shouldSendUrgentAndHighNoticesFromTheUrgentSender() throws Exception {
        // given
        final NoticeDeliverer deliverer = deliverer(props(greenMail.getSmtp().getPort()));

        // when
        for (final Severity severity : Severity.values()) {
            deliverer.deliver(
                    ClassifiedMail.newBuilder(Notices.notice("m-" + severity, "o", "en", List.of("ops@owner.example")))
                            .setSeverity(severity)
                            .build());
        }

        // then
        final Map<String, String> senders = Arrays.stream(greenMail.getReceivedMessages())
                .collect(Collectors.toMap(m -> header(m, NoticeComposer.MAIL_ID_HEADER), m -> from(m)));
        assertThat(senders)
                .containsEntry("m-URGENT", "support@mailroute.example")
                .containsEntry("m-HIGH", "support@mailroute.example")
                .containsEntry("m-MEDIUM", "Mail notices <no-reply@mailroute.example>")
                .containsEntry("m-LOW", "Mail notices <no-reply@mailroute.example>")
                .containsEntry("m-INFO", "Mail notices <no-reply@mailroute.example>");
    }

    @Test
    void shouldDeriveTheSameMessageIdFromTheSameMailAndOwnerOnly() {
        final String id = NoticeComposer.messageId("m-1", "111111111111", "mailroute.example");
        assertThat(NoticeComposer.messageId("m-1", "111111111111", "mailroute.example"))
                .isEqualTo(id);
        assertThat(id).matches("<[0-9a-f]{40}\\.notice@mailroute\\.example>");
        assertThat(Set.of(
                        id,
                        NoticeComposer.messageId("m-1", "111111111112", "mailroute.example"),
                        NoticeComposer.messageId("m-2", "111111111111", "mailroute.example"),
                        NoticeComposer.messageId("m-11", "11111111111", "mailroute.example"),
                        NoticeComposer.messageId("m-1", null, "mailroute.example")))
                .hasSize(5);
    }

    @Test
    void shouldNeverSendADeliveredNoticeAgain() throws Exception {
        // given
        final ClassifiedMail mail = Notices.notice("m-once", "o", "en", List.of("ops@owner.example"));
        final Map<String, String> props = props(greenMail.getSmtp().getPort());
        deliverer(props).deliver(mail);

        // when the same record comes again, to this task or (same delivery log) a restarted one
        final Result again = deliverer(props).deliver(mail);

        // then
        assertThat(again).isEqualTo(Result.ALREADY_DELIVERED);
        assertThat(greenMail.getReceivedMessages()).hasSize(1);
        assertThat(deliveries.recorded).hasSize(1);
    }

    @Test
    void shouldRecordNoRecipientsAsFailedWithoutSending() throws Exception {
        // given
        final ClassifiedMail noContacts =
                Notices.builder("m-none", "o-none").setOwnerContacts(null).build();
        final ClassifiedMail noRecipients = Notices.notice("m-empty", "o-empty", "en", List.of());
        final NoticeDeliverer deliverer = deliverer(props(greenMail.getSmtp().getPort()));

        // when
        final Result first = deliverer.deliver(noContacts);
        final Result second = deliverer.deliver(noRecipients);

        // then
        assertThat(List.of(first, second)).containsOnly(Result.FAILED);
        assertThat(greenMail.getReceivedMessages()).isEmpty();
        assertThat(List.of(deliveries.latest(key(noContacts)), deliveries.latest(key(noRecipients))))
                .allSatisfy(d -> {
                    assertThat(d.getOutcome()).isEqualTo(DeliveryOutcome.FAILED);
                    assertThat(d.getDetail()).isEqualTo("no recipients");
                });
    }

    @Test
    void shouldAuthenticateOverSmtps() throws Exception {
        // given GreenMail's SMTPS with its self-signed test certificate, trusted explicitly
        final Map<String, String> props = SmtpSinkConfig.setter(
                        props(greenMail.getSmtps().getPort()))
                .security(Security.SMTPS)
                .trust("*")
                .set(SmtpSinkConfig.SSL_CHECK_IDENTITY_CONFIG, false)
                .auth(USER, PASSWORD)
                .props();
        final ClassifiedMail mail = Notices.notice("m-tls", "o", "en", List.of("ops@owner.example"));

        // when
        final Result result = deliverer(props).deliver(mail);

        // then
        assertThat(result).isEqualTo(Result.DELIVERED);
        assertThat(greenMail.getReceivedMessages()).hasSize(1);
    }

    @Test
    void shouldFailTheTaskOnAnUntrustedCertificate() {
        // given SMTPS without trusting GreenMail's certificate: a configuration error, like refused credentials,
        // so the task stops rather than dead-letter every notice
        final Map<String, String> props = SmtpSinkConfig.setter(
                        props(greenMail.getSmtps().getPort()))
                .security(Security.SMTPS)
                .props();
        final ClassifiedMail mail = Notices.notice("m-untrusted", "o", "en", List.of("ops@owner.example"));

        // when / then
        assertThatThrownBy(() -> deliverer(props).deliver(mail))
                .isInstanceOf(ConnectException.class)
                .hasMessageContaining("certificate is not trusted");
        assertThat(greenMail.getReceivedMessages()).isEmpty();
    }

    @Test
    void shouldFailTheTaskWhenTheCredentialsAreRefused() {
        final Map<String, String> props = SmtpSinkConfig.setter(
                        props(greenMail.getSmtp().getPort()))
                .auth(USER, "wrong")
                .props();
        final ClassifiedMail mail = Notices.notice("m-auth", "o", "en", List.of("ops@owner.example"));

        assertThatThrownBy(() -> deliverer(props).deliver(mail))
                .isInstanceOf(ConnectException.class)
                .hasMessageContaining("authentication failed");
        assertThat(greenMail.getReceivedMessages()).isEmpty();
    }

    @Test
    void shouldFailTheTaskWhenStarttlsIsRequiredButNotOffered() {
        final Map<String, String> props = SmtpSinkConfig.setter(
                        props(greenMail.getSmtp().getPort()))
                .security(Security.STARTTLS)
                .props();
        final ClassifiedMail mail = Notices.notice("m-starttls", "o", "en", List.of("ops@owner.example"));

        assertThatThrownBy(() -> deliverer(props).deliver(mail))
                .isInstanceOf(ConnectException.class)
                .hasMessageContaining("STARTTLS");
        assertThat(greenMail.getReceivedMessages()).isEmpty();
    }

    @Test
    void shouldRetryA4xxWithBackoffThenGiveUp() throws Exception {
        try (SmtpResponder responder = new SmtpResponder().dataReply("451 4.3.0 Try again later")) {
            // given
            final Map<String, String> props = SmtpSinkConfig.setter(props(responder.port()))
                    .retries(3, Duration.ofMillis(100), Duration.ofMillis(150))
                    .props();
            final NoticeDeliverer deliverer = deliverer(props);
            final ClassifiedMail mail = Notices.notice("m-4xx", "o", "en", List.of("ops@owner.example"));

            // when / then: two RETRYING with a doubling (bounded) backoff, then FAILED and a dead letter
            assertThatThrownBy(() -> deliverer.deliver(mail))
                    .isInstanceOfSatisfying(
                            Retry.class, r -> assertThat(r.backoff()).isEqualTo(Duration.ofMillis(100)));
            assertThat(deliveries.latest(key(mail)).getOutcome()).isEqualTo(DeliveryOutcome.RETRYING);
            assertThat(deliveries.latest(key(mail)).getDetail()).contains("451 4.3.0 Try again later");
            assertThatThrownBy(() -> deliverer.deliver(mail))
                    .isInstanceOfSatisfying(
                            Retry.class, r -> assertThat(r.backoff()).isEqualTo(Duration.ofMillis(150)));
            assertThatThrownBy(() -> deliverer.deliver(mail))
                    .isInstanceOf(Undeliverable.class)
                    .hasMessageContaining("gave up after 3 attempts")
                    .hasMessageContaining("451 4.3.0");
            final Delivery failed = deliveries.latest(key(mail));
            assertThat(failed.getOutcome()).isEqualTo(DeliveryOutcome.FAILED);
            assertThat(failed.getAttempt()).isEqualTo(3);

            // and a later success after a 4xx is DELIVERED with its attempt
            final ClassifiedMail next = Notices.notice("m-4xx-then-ok", "o", "en", List.of("ops@owner.example"));
            responder.dataReply("421 4.7.0 busy");
            assertThatThrownBy(() -> deliverer.deliver(next)).isInstanceOf(Retry.class);
            responder.dataReply("250 2.0.0 Ok: queued as 4711");
            assertThat(deliverer.deliver(next)).isEqualTo(Result.DELIVERED);
            assertThat(deliveries.latest(key(next)).getAttempt()).isEqualTo(2);
            assertThat(deliveries.latest(key(next)).getDetail()).isEqualTo("250 2.0.0 Ok: queued as 4711");
        }
    }

    @Test
    void shouldDeadLetterA5xxWithTheServersReply() throws Exception {
        try (SmtpResponder responder = new SmtpResponder()) {
            final NoticeDeliverer deliverer = deliverer(props(responder.port()));

            // rejected at DATA
            responder.dataReply("554 5.7.1 Message rejected as spam");
            final ClassifiedMail spam = Notices.notice("m-554", "o", "en", List.of("ops@owner.example"));
            assertThatThrownBy(() -> deliverer.deliver(spam))
                    .isInstanceOf(Undeliverable.class)
                    .hasMessageContaining("554 5.7.1 Message rejected as spam");
            assertThat(deliveries.latest(key(spam)).getOutcome()).isEqualTo(DeliveryOutcome.FAILED);
            assertThat(deliveries.latest(key(spam)).getDetail()).contains("554 5.7.1 Message rejected as spam");

            // the only recipient refused
            responder.dataReply("250 2.0.0 Ok").rcptReply("550 5.1.1 <gone@owner.example>: Recipient address rejected");
            final ClassifiedMail gone = Notices.notice("m-550", "o", "en", List.of("gone@owner.example"));
            assertThatThrownBy(() -> deliverer.deliver(gone))
                    .isInstanceOf(Undeliverable.class)
                    .hasMessageContaining("550 5.1.1");
            assertThat(responder.messages).hasValue(0);
        }
    }

    @Test
    void shouldRetryATransientS3FailureAndNameAMissingOriginalInTheNotice() throws Exception {
        // given an original that is gone, one gone from S3 but still inline on mail.raw, and one the endpoint cannot
        // serve now
        final OriginalMails originals = new OriginalMails(
                check -> {
                    if (check.key().startsWith("m-gone") || check.key().equals("m-deleted")) {
                        throw S3Failure.mailroute(S3Failure.Kind.NOT_FOUND, "NoSuchKey", "gone");
                    }
                    throw S3Failure.mailroute(S3Failure.Kind.TRANSIENT, "SlowDown", "slow down");
                },
                ref -> ref.getKey().equals("m-deleted")
                        ? Optional.of(Notices.original(ref.getKey()))
                        : Optional.empty(),
                1024 * 1024);
        final NoticeDeliverer deliverer = deliverer(props(greenMail.getSmtp().getPort()), originals);

        // when / then
        assertThatThrownBy(() -> deliverer.deliver(Notices.notice("m-slow", "o", "en", List.of("ops@owner.example"))))
                .isInstanceOf(Retry.class);
        final ClassifiedMail gone = Notices.notice("m-gone", "o", "en", List.of("ops@owner.example"));
        assertThat(deliverer.deliver(gone)).isEqualTo(Result.DELIVERED);
        final ClassifiedMail deleted = Notices.notice("m-deleted", "o", "en", List.of("ops@owner.example"));
        assertThat(deliverer.deliver(deleted)).isEqualTo(Result.DELIVERED);

        final Map<String, MimeMessage> byMailId = Arrays.stream(greenMail.getReceivedMessages())
                .collect(Collectors.toMap(m -> header(m, NoticeComposer.MAIL_ID_HEADER), m -> m));
        assertThat(((Multipart) byMailId.get("m-gone").getContent()).getCount()).isEqualTo(1);
        assertThat(bodyText(byMailId.get("m-gone"))).contains("could not be attached (mailroute:NoSuchKey)");
        assertThat(deliveries.latest(key(gone)).getDetail()).contains("original not attached: mailroute:NoSuchKey");
        assertThat(((Multipart) byMailId.get("m-deleted").getContent()).getCount())
                .isEqualTo(2);
        assertThat(deliveries.latest(key(deleted)).getDetail()).doesNotContain("not attached");
    }

    private static String header(final MimeMessage message, final String name) {
        try {
            return message.getHeader(name, null);
        } catch (Exception e) {
            throw new AssertionError(e);
        }
    }

    private static String from(final MimeMessage message) {
        try {
            return ((InternetAddress) message.getFrom()[0]).toUnicodeString();
        } catch (Exception e) {
            throw new AssertionError(e);
        }
    }

    private static String bodyText(final MimeMessage message) throws Exception {
        return ((Multipart) message.getContent()).getBodyPart(0).getContent().toString();
    }

    private static byte[] rawContent(final BodyPart part) throws Exception {
        final ByteArrayOutputStream out = new ByteArrayOutputStream();
        if (part.getContent() instanceof MimeMessage nested) {
            nested.writeTo(out);
        } else {
            try (InputStream in = part.getInputStream()) {
                in.transferTo(out);
            }
        }
        return out.toByteArray();
    }
}
