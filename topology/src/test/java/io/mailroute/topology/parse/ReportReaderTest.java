package io.mailroute.topology.parse;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.charset.StandardCharsets;
import java.time.Duration;
import org.junit.jupiter.api.Test;

/** What {@link ParsedMail#report()} reads of a mail for the bounce classifier. */
class ReportReaderTest {
    private static final MailParser LENIENT = new MailParser(ParserSettings.LENIENT);

    private static MailReport report(final String mail) throws MailParseException {
        return report(LENIENT, mail);
    }

    private static MailReport report(final MailParser parser, final String mail) throws MailParseException {
        return parser.parse(mail.replace("\n", "\r\n").getBytes(StandardCharsets.UTF_8))
                .report();
    }

    @Test
    void shouldReadTheTextAndDeliveryStatusPartsInOrderAndReturnTheOriginalAsItIs() throws Exception {
        // given
        final String mail = "From: MAILER-DAEMON@mx.example.com\n"
                + "Content-Type: multipart/report; report-type=Delivery-Status; boundary=\"b\"\n\n"
                + "--b\nContent-Type: text/plain; charset=utf-8\nContent-Transfer-Encoding: quoted-printable\n\n"
                + "Delivery to the following recipient failed perman=\nently: caf=C3=A9@example.net\n"
                + "--b\nContent-Type: image/png\n\niVBORw0KGgo=\n"
                + "--b\nContent-Type: message/delivery-status\n\n"
                + "Reporting-MTA: dns; mx.example.com\n\nFinal-Recipient: rfc822; café@example.net\nStatus: 5.1.1\n"
                + "--b\nContent-Type: text/html\n\n<p>not read: text came first</p>\n"
                + "--b\nContent-Type: message/rfc822\nContent-Transfer-Encoding: 7bit\n\n"
                + "Message-ID: <orig@example.com>\nFrom: notices@sender.example.com\n\nHello=20there\n"
                + "--b--\n";

        // when
        final MailReport report = report(mail);

        // then
        assertThat(report.text())
                .isEqualTo(
                        "Delivery to the following recipient failed permanently: café@example.net\n"
                                + "Reporting-MTA: dns; mx.example.com\n\nFinal-Recipient: rfc822; café@example.net\nStatus: 5.1.1\n");
        assertThat(report.original())
                .isEqualTo("Message-ID: <orig@example.com>\nFrom: notices@sender.example.com\n\n" + "Hello=20there");
        assertThat(report.originalHeaders().firstOrEmpty("message-id")).isEqualTo("<orig@example.com>");
        assertThat(report.reportType()).isEqualTo("delivery-status");
        assertThat(report.headers().firstOrEmpty("from")).isEqualTo("MAILER-DAEMON@mx.example.com");
    }

    @Test
    void shouldReadAnHtmlPartOnlyWhenNothingCameBeforeIt() throws Exception {
        // given
        final String mail = "Content-Type: multipart/alternative; boundary=b\n\n"
                + "--b\nContent-Type: text/html\n\n<p>Your message <b>could not be delivered</b>.</p>\n"
                + "--b\nContent-Type: text/plain\n\nplain\n--b--\n";

        // when / then
        assertThat(report(mail).text()).isEqualTo("Your message could not be delivered.\nplain\n");
    }

    @Test
    void shouldTakeWhatFollowsACopyOfTheMessageMarkerForTheOriginal() throws Exception {
        // given
        final String mail = "From: Mail Delivery System <MAILER-DAEMON@mx.example.com>\n"
                + "Subject: Mail delivery failed\n\n"
                + "  kaito@example.net\n    mailbox is full\n\n"
                + "------ This is a copy of the message, including all the headers. ------\n"
                + "------ The body of the message is 3000 characters long; only the first\n"
                + "Return-path: <bounce@sender.example.com>\nMessage-ID:\n <copy@sender.example.com>\n\nbody\n";

        // when
        final MailReport report = report(mail);

        // then
        assertThat(report.text()).isEqualTo("  kaito@example.net\n    mailbox is full\n\n");
        assertThat(report.originalHeaders().firstOrEmpty("return-path")).isEqualTo("<bounce@sender.example.com>");
        assertThat(report.originalHeaders().firstOrEmpty("message-id")).isEqualTo("<copy@sender.example.com>");
    }

    @Test
    void shouldJoinContinuationLinesWithOneSpaceAndSkipLinesThatAreNoField() throws Exception {
        // given
        final String mail = "Subject: Undelivered\n\tMail Returned\nthis line is no field\nX-Failed-Recipients:\n"
                + "   a@example.net,\n   b@example.net\n\nbody\n";

        // when
        final MailReport report = report(mail);

        // then
        assertThat(report.headers().firstOrEmpty("subject")).isEqualTo("Undelivered Mail Returned");
        assertThat(report.headers().firstOrEmpty("x-failed-recipients")).isEqualTo("a@example.net, b@example.net");
        assertThat(report.text()).isEqualTo("body\n");
    }

    @Test
    void shouldReadTheHeadersOfAMailWhoseLinesEndInCarriageReturnsAlone() throws Exception {
        // given
        final byte[] mail = "From: MAILER-DAEMON@mx.example.com\rSubject: Returned mail\r\rbody line\rsecond\r"
                .getBytes(StandardCharsets.US_ASCII);

        // when
        final MailReport report = LENIENT.parse(mail).report();

        // then
        assertThat(report.headers().firstOrEmpty("subject")).isEqualTo("Returned mail");
        assertThat(report.text()).isEqualTo("body line\nsecond\n");
    }

    @Test
    void shouldEndALineAtACarriageReturnAloneWhereverItIs() throws Exception {
        // given: the first line ends in CRLF, the others in CR alone
        final byte[] mail = ("From: MAILER-DAEMON@mx.example.com\r\nSubject: Returned mail\r"
                        + "X-Failed-Recipients: a@example.net\rContent-Type: multipart/mixed; boundary=b\r\r"
                        + "--b\rContent-Type: text/plain\r\rfirst\r\r--b--\r")
                .getBytes(StandardCharsets.US_ASCII);

        // when
        final MailReport report = LENIENT.parse(mail).report();

        // then
        assertThat(report.headers().firstOrEmpty("x-failed-recipients")).isEqualTo("a@example.net");
        assertThat(report.text()).isEqualTo("first\n\n");
    }

    @Test
    void shouldReadAMultipartWithoutDelimiterLinesAsOneText() throws Exception {
        // given
        final String mail =
                "Content-Type: multipart/mixed; boundary=\"b\"\n\n" + "Final-Recipient: rfc822; a@example.net\n--c\n";

        // when / then
        assertThat(report(mail).text()).isEqualTo("Final-Recipient: rfc822; a@example.net\n--c\n");
    }

    @Test
    void shouldReadWithinTheLimitsTheMailWasParsedUnder() throws Exception {
        // given: three text parts, one nested a level deeper; at most three parts (the mail is one) and one level
        final MailParser parser = new MailParser(ParserSettings.builder()
                .maxParts(3)
                .maxPartDepth(1)
                .maxBodyBytes(8)
                .build());
        final String mail = "Content-Type: multipart/mixed; boundary=b\n\n"
                + "--b\nContent-Type: text/plain\n\n0123456789\n"
                + "--b\nContent-Type: multipart/mixed; boundary=c\n\n--c\nContent-Type: text/plain\n\nnested\n--c--\n"
                + "--b\nContent-Type: text/plain\n\nthird\n--b--\n";

        // when / then: the first part cut to the decoded bytes, the nested one too deep, the third over the count
        assertThat(report(parser, mail).text()).isEqualTo("0123456\n");
    }

    @Test
    void shouldReadAtMostTheFirstCharactersOfAHugeReportQuickly() throws Exception {
        // given
        final String mail = "Content-Type: text/plain\n\n" + "x".repeat(900 * 1024);
        final long start = System.nanoTime();

        // when
        final MailReport report = report(mail);

        // then
        assertThat(report.text()).hasSize(MailReport.MAX_TEXT_CHARS);
        assertThat(Duration.ofNanos(System.nanoTime() - start)).isLessThan(Duration.ofSeconds(2));
    }

    @Test
    void shouldReadTheReportOnceAndLeaveTheParseForTheRulesAsItIs() throws Exception {
        // given
        final ParsedMail parsed = LENIENT.parse("Subject: a\r\n\tb\r\n\r\nx\r\n".getBytes(StandardCharsets.US_ASCII));

        // when / then
        assertThat(parsed.report()).isSameAs(parsed.report());
        assertThat(parsed.report().headers().firstOrEmpty("subject")).isEqualTo("a b");
        assertThat(parsed.headers().firstOrEmpty("subject")).isEqualTo("a\tb");
    }
}
