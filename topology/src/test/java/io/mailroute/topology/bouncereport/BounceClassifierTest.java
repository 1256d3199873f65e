package io.mailroute.topology.bouncereport;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.tuple;

import io.mailroute.avro.Bounce;
import io.mailroute.topology.parse.MailParseException;
import io.mailroute.topology.parse.MailParser;
import io.mailroute.topology.parse.ParsedMail;
import io.mailroute.topology.parse.ParserSettings;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.List;
import org.junit.jupiter.api.Test;

/** Golden bounces written for this project, one per format, with every reported field. */
class BounceClassifierTest {
    private static final MailParser PARSER = new MailParser(ParserSettings.LENIENT);
    private final BounceClassifier classifier = new BounceClassifier();

    @Test
    void postfixDsnKeepsTheRfcViolatingRecipient() throws Exception {
        assertThat(classify("postfix-dsn.eml"))
                .containsExactly(Bounce.newBuilder()
                        .setRecipient("taro.@docomo.ne.jp")
                        .setReason("userunknown")
                        .setStatus("5.1.1")
                        .setReplyCode("550")
                        .setHardBounce(true)
                        .setDiagnostic("550 5.1.1 <taro.@docomo.ne.jp>: Recipient address rejected: User unknown")
                        .setAction("failed")
                        .setReportingMta("mx.sender.example.com")
                        .setOriginalMessageId("<notice-20261120-0001@sender.example.com>")
                        .setKind("dsn")
                        .setOriginalSender("notices@sender.example.com")
                        .build());
    }

    @Test
    void exchangeNdrWithFullMailboxIsSoft() throws Exception {
        assertThat(classify("exchange-ndr.eml"))
                .containsExactly(Bounce.newBuilder()
                        .setRecipient("hanako@contoso.example.com")
                        .setReason("mailboxfull")
                        .setStatus("5.2.2")
                        .setReplyCode("552")
                        .setHardBounce(false)
                        .setDiagnostic("552 5.2.2 STOREDRV.Deliver; mailbox full")
                        .setAction("failed")
                        .setReportingMta("EX01.contoso.example.com")
                        .setOriginalMessageId("<notice-20261120-0002@sender.example.com>")
                        .setKind("dsn")
                        .setOriginalSender("notices@sender.example.com")
                        .build());
    }

    @Test
    void japaneseCarrierPlainTextBounceInMboxWithCrlf() throws Exception {
        assertThat(classify("carrier-au.eml"))
                .containsExactly(Bounce.newBuilder()
                        .setRecipient("a..b@ezweb.ne.jp")
                        .setReason("userunknown")
                        .setReplyCode("550")
                        .setHardBounce(true)
                        .setDiagnostic("<a..b@ezweb.ne.jp> (reason: 550 <a..b@ezweb.ne.jp>: User unknown)")
                        .setAction("failed")
                        .setOriginalMessageId("<notice-20261120-0003@sender.example.com>")
                        .setKind("mta")
                        .setOriginalSender("notices@sender.example.com")
                        .build());
    }

    @Test
    void amazonSesBounceNotification() throws Exception {
        assertThat(classify("ses-bounce.eml"))
                .containsExactly(Bounce.newBuilder()
                        .setRecipient("jiro@example.net")
                        .setReason("mailboxfull")
                        .setStatus("4.2.2")
                        .setReplyCode("452")
                        .setHardBounce(false)
                        .setDiagnostic("452 4.2.2 Mailbox full")
                        .setAction("failed")
                        .setReportingMta("a8-31.smtp-out.amazonses.com")
                        .setOriginalMessageId("0100019a-ses-original-0001")
                        .setKind("dsn")
                        .setOriginalSender("notices@sender.example.com")
                        .build());
    }

    @Test
    void vacationAutoReplyWithCrNewlines() throws Exception {
        assertThat(classify("vacation-autoreply.eml"))
                .containsExactly(Bounce.newBuilder()
                        .setRecipient("saburo@example.org")
                        .setReason("vacation")
                        .setHardBounce(false)
                        .setDiagnostic("I am away until November 30 and will read your mail when I return.")
                        .setOriginalMessageId("<notice-20261120-0004@sender.example.com>")
                        .setKind("autoreply")
                        .build());
    }

    @Test
    void arfFeedbackReport() throws Exception {
        assertThat(classify("arf-report.eml"))
                .containsExactly(Bounce.newBuilder()
                        .setRecipient("shiro@isp.example.com")
                        .setReason("feedback")
                        .setHardBounce(false)
                        .setOriginalMessageId("<notice-20261120-0005@sender.example.com>")
                        .setFeedbackType("abuse")
                        .setKind("feedback")
                        .setOriginalSender("notices@sender.example.com")
                        .build());
    }

    @Test
    void originalSenderFallsBackToTheReturnedReturnPath() throws Exception {
        assertThat(classify("sender-return-path.eml"))
                .extracting(Bounce::getRecipient, Bounce::getOriginalSender)
                .containsExactly(tuple("kaito@example.net", "bounce-7f3a@mailer.sender.example.com"));
    }

    @Test
    void originalSenderFromTheEnvelopeSenderFieldWhenNoMessageIsReturned() throws Exception {
        assertThat(classify("sender-postfix-field.eml"))
                .extracting(Bounce::getRecipient, Bounce::getOriginalSender)
                .containsExactly(tuple("mei@example.net", "alerts@status.sender.example.com"));
    }

    @Test
    void aBounceNamingThousandsKeepsTheRecipientLimitWithClippedDiagnosticsAndCountsTheRestQuickly() throws Exception {
        // given: 2,000 X-Failed-Recipients above a 900 KB report no recipient is named in
        final StringBuilder failed = new StringBuilder();
        for (int i = 0; i < 2_000; i++) {
            failed.append(i == 0 ? "" : ", ").append("user").append(i).append("@example.net");
        }
        final byte[] raw = ("From: Mail Delivery System <MAILER-DAEMON@mx.example.com>\r\nTo: bounces@example.com\r\n"
                        + "X-Failed-Recipients: " + failed + "\r\nSubject: Mail delivery failed\r\n"
                        + "Content-Type: text/plain\r\n\r\n"
                        + "550 5.1.1 the mailbox is unavailable; ".repeat(900 * 1024 / 38))
                .getBytes(StandardCharsets.US_ASCII);
        final long start = System.nanoTime();

        // when
        final DetectedBounces detected = classifier.classify(PARSER.parse(raw));

        // then
        assertThat(Duration.ofNanos(System.nanoTime() - start)).isLessThan(Duration.ofSeconds(10));
        assertThat(detected.bounces()).hasSize(100);
        assertThat(detected.omitted()).isEqualTo(1_900);
        assertThat(detected.bounces()).allSatisfy(b -> {
            assertThat(b.getDiagnostic()).hasSizeLessThanOrEqualTo(DetectedBounces.MAX_DIAGNOSTIC_CHARS);
            assertThat(b.getReason()).isEqualTo("userunknown");
        });
    }

    @Test
    void everyRecipientBlockOfADeliveryStatusPartIsReported() throws Exception {
        // given
        final byte[] raw = ("From: MAILER-DAEMON@mx.example.com\r\nContent-Type: multipart/report;"
                        + " report-type=delivery-status; boundary=r\r\n\r\n--r\r\nContent-Type: text/plain\r\n\r\nfailed\r\n"
                        + "--r\r\nContent-Type: message/delivery-status\r\n\r\nReporting-MTA: dns; mx.example.com\r\n\r\n"
                        + "Final-Recipient: rfc822; a..b@ezweb.ne.jp\r\nAction: failed\r\nStatus: 5.1.1\r\n"
                        + "Diagnostic-Code: smtp; 550 5.1.1 user unknown\r\n\r\nFinal-Recipient: rfc822;full@example.jp\r\n"
                        + "Action: delayed\r\nStatus: 4.2.2\r\n\r\n--r\r\nContent-Type: message/rfc822\r\n\r\n"
                        + "Message-ID: <orig@example.com>\r\nSubject: hi\r\n\r\nbody\r\n--r--\r\n")
                .getBytes(StandardCharsets.US_ASCII);

        // when
        final List<Bounce> bounces = classifier.classify(PARSER.parse(raw)).bounces();

        // then
        assertThat(bounces)
                .extracting(
                        Bounce::getRecipient,
                        Bounce::getReason,
                        Bounce::getStatus,
                        Bounce::getHardBounce,
                        Bounce::getAction)
                .containsExactly(
                        tuple("a..b@ezweb.ne.jp", "userunknown", "5.1.1", true, "failed"),
                        tuple("full@example.jp", "mailboxfull", "4.2.2", false, "delayed"));
        assertThat(bounces).allSatisfy(b -> {
            assertThat(b.getReportingMta()).isEqualTo("mx.example.com");
            assertThat(b.getOriginalMessageId()).isEqualTo("<orig@example.com>");
            assertThat(b.getKind()).isEqualTo("dsn");
        });
        assertThat(bounces.get(0).getReplyCode()).isEqualTo("550");
    }

    @Test
    void ordinaryReplyIsNoBounce() throws Exception {
        assertThat(classify("not-a-bounce.eml")).isEmpty();
    }

    @Test
    void detectorSeamAgreesWithTheUngatedClassification() throws Exception {
        final byte[] raw = read("postfix-dsn.eml");
        final ParsedMail parsed = PARSER.parse(raw);
        assertThat(classifier.detect(raw, parsed)).isEqualTo(classifier.classify(parsed));
    }

    @Test
    void garbageIsNoBounce() throws Exception {
        final byte[] garbage = "X-Junk: \u0001\r\n\r\n\u0000\u0001 not a mail".getBytes(StandardCharsets.ISO_8859_1);
        assertThat(classifier.classify(PARSER.parse(garbage)).bounces()).isEmpty();
    }

    private List<Bounce> classify(final String name) throws IOException, MailParseException {
        return classifier.classify(PARSER.parse(read(name))).bounces();
    }

    private static byte[] read(final String name) throws IOException {
        try (InputStream in = BounceClassifierTest.class.getResourceAsStream("/bounces/" + name)) {
            assertThat(in).as(name).isNotNull();
            return in.readAllBytes();
        }
    }
}
