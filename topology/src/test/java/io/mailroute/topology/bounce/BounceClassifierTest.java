package io.mailroute.topology.bounce;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.tuple;

import io.mailroute.avro.Bounce;
import io.mailroute.topology.parse.MailParser;
import io.mailroute.topology.parse.ParserSettings;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.util.List;
import org.junit.jupiter.api.Test;

/** Golden bounces written for this project, one per format, with every reported field. */
class BounceClassifierTest {
    private final BounceClassifier classifier = new BounceClassifier();

    @Test
    void postfixDsnKeepsTheRfcViolatingRecipient() throws Exception {
        assertThat(classify("postfix-dsn.eml")).containsExactly(new Bounce("taro.@docomo.ne.jp", "userunknown", "5.1.1", "550", true,
                "550 5.1.1 <taro.@docomo.ne.jp>: Recipient address rejected: User unknown", "failed", "mx.sender.example.com",
                "<notice-20261120-0001@sender.example.com>", null, "dsn", "notices@sender.example.com"));
    }

    @Test
    void exchangeNdrWithFullMailboxIsSoft() throws Exception {
        assertThat(classify("exchange-ndr.eml")).containsExactly(new Bounce("hanako@contoso.example.com", "mailboxfull", "5.2.2", "552",
                false, "552 5.2.2 STOREDRV.Deliver; mailbox full", "failed", "EX01.contoso.example.com",
                "<notice-20261120-0002@sender.example.com>", null, "dsn", "notices@sender.example.com"));
    }

    @Test
    void japaneseCarrierPlainTextBounceInMboxWithCrlf() throws Exception {
        assertThat(classify("carrier-au.eml")).containsExactly(new Bounce("a..b@ezweb.ne.jp", "userunknown", null, "550", true,
                "<a..b@ezweb.ne.jp> (reason: 550 <a..b@ezweb.ne.jp>: User unknown)", "failed", null,
                "<notice-20261120-0003@sender.example.com>", null, "mta", "notices@sender.example.com"));
    }

    @Test
    void amazonSesBounceNotification() throws Exception {
        assertThat(classify("ses-bounce.eml")).containsExactly(new Bounce("jiro@example.net", "mailboxfull", "4.2.2", "452", false,
                "452 4.2.2 Mailbox full", "failed", "a8-31.smtp-out.amazonses.com", "0100019a-ses-original-0001", null, "dsn",
                "notices@sender.example.com"));
    }

    @Test
    void vacationAutoReplyWithCrNewlines() throws Exception {
        assertThat(classify("vacation-autoreply.eml")).containsExactly(new Bounce("saburo@example.org", "vacation", null, null, false,
                "I am away until November 30 and will read your mail when I return.", null, null,
                "<notice-20261120-0004@sender.example.com>", null, "autoreply", null));
    }

    @Test
    void arfFeedbackReport() throws Exception {
        assertThat(classify("arf-report.eml")).containsExactly(new Bounce("shiro@isp.example.com", "feedback", null, null, false,
                null, null, null, "<notice-20261120-0005@sender.example.com>", "abuse", "feedback",
                "notices@sender.example.com"));
    }

    @Test
    void originalSenderFallsBackToTheReturnedReturnPath() throws Exception {
        assertThat(classify("sender-return-path.eml")).extracting(Bounce::getRecipient, Bounce::getOriginalSender)
                .containsExactly(tuple("kaito@example.net", "bounce-7f3a@mailer.sender.example.com"));
    }

    @Test
    void originalSenderFromTheEnvelopeSenderFieldWhenNoMessageIsReturned() throws Exception {
        assertThat(classify("sender-postfix-field.eml")).extracting(Bounce::getRecipient, Bounce::getOriginalSender)
                .containsExactly(tuple("mei@example.net", "alerts@status.sender.example.com"));
    }

    @Test
    void ordinaryReplyIsNoBounce() throws Exception {
        assertThat(classify("not-a-bounce.eml")).isEmpty();
    }

    @Test
    void detectorSeamAgreesWithTheRawClassification() throws Exception {
        final byte[] raw = read("postfix-dsn.eml");
        assertThat(classifier.detect(raw, new MailParser(ParserSettings.LENIENT).parse(raw))).isEqualTo(classifier.classify(raw));
    }

    @Test
    void garbageIsNoBounce() {
        assertThat(classifier.classify("\u0000\u0001 not a mail".getBytes(StandardCharsets.ISO_8859_1))).isEmpty();
        assertThat(classifier.classify(new byte[0])).isEmpty();
    }

    private List<Bounce> classify(final String name) throws IOException {
        return classifier.classify(read(name));
    }

    private static byte[] read(final String name) throws IOException {
        try (InputStream in = BounceClassifierTest.class.getResourceAsStream("/bounces/" + name)) {
            assertThat(in).as(name).isNotNull();
            return in.readAllBytes();
        }
    }
}
