package io.mailroute.topology.parse;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.tuple;

import io.mailroute.avro.Address;
import io.mailroute.avro.Attachment;
import io.mailroute.avro.Verdict;
import java.io.ByteArrayOutputStream;
import java.nio.charset.Charset;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.Arrays;
import java.util.Base64;
import org.junit.jupiter.api.Test;

class MailParserTest {
    private static final Charset JIS = Charset.forName("x-windows-iso2022jp");
    private static final Charset SJIS = Charset.forName("windows-31j");
    private static final MailParser LENIENT = new MailParser(ParserSettings.LENIENT);
    private static final MailParser STRICT = new MailParser(ParserSettings.STRICT);

    private static byte[] bytes(final String ascii, final byte[]... more) {
        final ByteArrayOutputStream out = new ByteArrayOutputStream();
        out.writeBytes(ascii.replace("\n", "\r\n").getBytes(StandardCharsets.UTF_8));
        for (final byte[] b : more) {
            out.writeBytes(b);
        }
        return out.toByteArray();
    }

    private static String b64(final byte[] bytes) {
        return Base64.getEncoder().encodeToString(bytes);
    }

    @Test
    void shouldDecodeAnIso2022JpSubjectWithCp932Characters() throws Exception {
        // given: ①, ② and ～ exist only in the CP932 extensions
        final String subject = "ご請求① ② ～ 2026年";
        final byte[] mail =
                bytes("From: a@example.jp\nSubject: =?ISO-2022-JP?B?" + b64(subject.getBytes(JIS)) + "?=\n\nx\n");

        // when
        final ParsedMail parsed = LENIENT.parse(mail);

        // then
        assertThat(parsed.subject()).isEqualTo(subject);
        assertThat(parsed.subjectRaw()).startsWith("=?ISO-2022-JP?B?");
    }

    @Test
    void shouldDecodeAShiftJisLabelledBodyAsCp932() throws Exception {
        // given
        final String body = "①番 ～ ㈱テスト 髙橋";
        final byte[] mail =
                bytes("From: a@example.jp\nContent-Type: text/plain; charset=Shift_JIS\n\n", body.getBytes(SJIS));

        // when
        final ParsedMail parsed = LENIENT.parse(mail);

        // then
        assertThat(parsed.body().text()).isEqualTo(body);
    }

    @Test
    void shouldDecodeAnIso2022JpBodyWithCp932Characters() throws Exception {
        // given
        final String body = "①番人気 ～ 100g\r\n";
        final byte[] mail =
                bytes("From: a@example.jp\nContent-Type: text/plain; charset=\"iso-2022-jp\"\n\n", body.getBytes(JIS));

        // when / then
        assertThat(LENIENT.parse(mail).body().text()).isEqualTo(body);
    }

    @Test
    void shouldDecodeQuotedPrintableAndBase64Utf8Bodies() throws Exception {
        // given
        final byte[] qp = bytes(
                "From: a@x.jp\nContent-Type: text/plain; charset=utf-8\nContent-Transfer-Encoding: quoted-printable\n\n"
                        + "caf=C3=A9 =E2=80=94 long line=\n continues\n");
        final byte[] base64 =
                bytes("From: a@x.jp\nContent-Type: text/plain; charset=UTF-8\nContent-Transfer-Encoding: base64\n\n"
                        + Base64.getMimeEncoder().encodeToString("メンテナンスのお知らせ".getBytes(StandardCharsets.UTF_8))
                        + "\n");

        // when / then
        assertThat(LENIENT.parse(qp).body().text()).isEqualTo("café — long line continues\r\n");
        assertThat(LENIENT.parse(base64).body().text()).isEqualTo("メンテナンスのお知らせ");
    }

    @Test
    void shouldJoinEncodedWordsThatSplitACharacterAcrossFoldedLines() throws Exception {
        // given: the 3 bytes of メ are split between two words on two lines
        final byte[] subject = "RDS メンテナンス".getBytes(StandardCharsets.UTF_8);
        final byte[] first = Arrays.copyOfRange(subject, 0, 5);
        final byte[] second = Arrays.copyOfRange(subject, 5, subject.length);
        final byte[] mail = bytes(
                "From: a@x.jp\nSubject: =?UTF-8?B?" + b64(first) + "?=\n\t=?utf-8?b?" + b64(second) + "?=\n\nx\n");

        // when / then
        assertThat(LENIENT.parse(mail).subject()).isEqualTo("RDS メンテナンス");
    }

    @Test
    void shouldReadRawEightBitUtf8Headers() throws Exception {
        // given
        final byte[] mail =
                bytes("From: 山田 太郎 <taro@example.jp>\nTo: 受付 <desk@example.jp>\nSubject: 【要対応】サポート終了\n\nx\n");

        // when
        final ParsedMail parsed = LENIENT.parse(mail);

        // then
        assertThat(parsed.subject()).isEqualTo("【要対応】サポート終了");
        assertThat(parsed.from().getDisplayName()).isEqualTo("山田 太郎");
        assertThat(parsed.recipients()).extracting(Address::getDisplayName).containsExactly("受付");
    }

    @Test
    void shouldReadRawShiftJisHeaders() throws Exception {
        // given
        final byte[] mail = bytes("From: a@x.jp\nSubject: ", "注文①".getBytes(SJIS), bytes("\n\nx\n"));

        // when / then
        assertThat(LENIENT.parse(mail).subject()).isEqualTo("注文①");
    }

    @Test
    void shouldKeepRfcViolatingAddressesByteForByte() throws Exception {
        // given
        final byte[] mail =
                bytes("From: taro.@docomo.ne.jp\nTo: \"A, B\" <a..b@EZweb.ne.jp>, undisclosed-recipients:;\n"
                        + "Cc: Group: .dot@x.jp, c@x.jp (Comment);\n\nx\n");

        // when
        final ParsedMail parsed = LENIENT.parse(mail);

        // then
        assertThat(parsed.from().getAddress()).isEqualTo("taro.@docomo.ne.jp");
        assertThat(parsed.recipients())
                .extracting(Address::getAddress)
                .containsExactly("a..b@EZweb.ne.jp", ".dot@x.jp", "c@x.jp");
        assertThat(parsed.recipients())
                .extracting(Address::getNormalized)
                .containsExactly("a..b@ezweb.ne.jp", ".dot@x.jp", "c@x.jp");
        assertThat(parsed.recipients().get(0).getRaw()).isEqualTo("\"A, B\" <a..b@EZweb.ne.jp>");
        assertThat(parsed.recipients().get(0).getDisplayName()).isEqualTo("A, B");
        assertThat(parsed.recipients()).extracting(Address::getField).containsExactly("to", "cc", "cc");
    }

    @Test
    void shouldReadTheTopmostAuthenticationResultsAndSesVerdicts() throws Exception {
        // given: the lower Authentication-Results was written by the sender and must not count
        final byte[] mail = bytes("X-SES-Spam-Verdict: GRAY\nX-SES-Virus-Verdict: PROCESSING_FAILED\n"
                + "Authentication-Results: amazonses.com; spf=softfail (x) smtp.mailfrom=a;\n dkim=fail; dkim=pass"
                + " header.i=@x.jp; dmarc=fail\n"
                + "Authentication-Results: evil.example; spf=pass; dmarc=pass\nFrom: a@x.jp\n\nx\n");

        // when
        final ParsedMail parsed = LENIENT.parse(mail);

        // then
        assertThat(parsed.auth().getSpf()).isEqualTo(Verdict.SOFTFAIL);
        assertThat(parsed.auth().getDkim()).isEqualTo(Verdict.PASS);
        assertThat(parsed.auth().getDmarc()).isEqualTo(Verdict.FAIL);
        assertThat(parsed.auth().getSpam()).isEqualTo(Verdict.GRAY);
        assertThat(parsed.auth().getVirus()).isEqualTo(Verdict.PROCESSING_FAILED);
    }

    @Test
    void shouldIgnoreSesVerdictHeadersWithoutAuthenticationResultsSinceAnyoneCanWriteThem() throws Exception {
        // given
        final byte[] mail = bytes("X-SES-SPF-Verdict: PASS\nX-SES-DKIM-Verdict: PASS\nX-SES-DMARC-Verdict: PASS\n"
                + "X-SES-Spam-Verdict: PASS\nFrom: a@x.jp\n\nx\n");

        // when
        final ParsedMail parsed = LENIENT.parse(mail);

        // then
        assertThat(parsed.auth().getSpf()).isEqualTo(Verdict.UNKNOWN);
        assertThat(parsed.auth().getDkim()).isEqualTo(Verdict.UNKNOWN);
        assertThat(parsed.auth().getDmarc()).isEqualTo(Verdict.UNKNOWN);
        assertThat(parsed.auth().getSpam()).isEqualTo(Verdict.UNKNOWN);
        assertThat(parsed.auth().getAuthservId()).isNull();
    }

    @Test
    void shouldPreferThePlainTextPartAndDescribeAttachments() throws Exception {
        // given
        final byte[] mail = bytes("From: a@x.jp\nContent-Type: multipart/mixed; boundary=\"outer\"\n\n--outer\n"
                + "Content-Type: multipart/alternative; boundary=inner\n\n--inner\nContent-Type: text/html\n\n<p>html <b>text</b></p>\n"
                + "--inner\nContent-Type: text/plain\n\nplain text\n--inner--\n--outer\n"
                + "Content-Type: application/pdf; name=\"=?UTF-8?B?" + b64("請求書.pdf".getBytes(StandardCharsets.UTF_8))
                + "?=\"\n"
                + "Content-Transfer-Encoding: base64\n\n" + b64("%PDF".getBytes(StandardCharsets.US_ASCII))
                + "\n--outer--\n");

        // when
        final MailBody body = LENIENT.parse(mail).body();

        // then
        assertThat(body.text()).isEqualTo("plain text");
        assertThat(body.attachments())
                .extracting(Attachment::getFileName, Attachment::getContentType, Attachment::getSize)
                .containsExactly(tuple("請求書.pdf", "application/pdf", 4L));
        assertThat(body.attachments().get(0).getSha256()).hasSize(64);
    }

    @Test
    void shouldReduceAnHtmlOnlyBodyToText() throws Exception {
        // given
        final byte[] mail = bytes(
                "From: a@x.jp\nContent-Type: text/html; charset=utf-8\n\n<html><head><style>p{}</style></head>"
                        + "<body><p>Dear&nbsp;customer,</p><p>Total: &yen;1,000 &amp; tax</p><script>x()</script></body></html>\n");

        // when / then
        assertThat(LENIENT.parse(mail).body().text()).isEqualTo("Dear customer,\n\nTotal: ¥1,000 & tax");
    }

    @Test
    void shouldRejectInputWithoutAHeaderBlock() {
        assertThatThrownBy(() -> LENIENT.parse("just some text\nmore\n".getBytes(StandardCharsets.US_ASCII)))
                .isInstanceOf(MailParseException.class)
                .hasMessageStartingWith("not a mail");
        assertThatThrownBy(() -> LENIENT.parse(new byte[0])).isInstanceOf(MailParseException.class);
    }

    @Test
    void shouldTruncateWhatIsOverTheLimitsWhenLenientAndRejectItWhenStrict() throws Exception {
        // given: 300 header fields, more than STRICT's 200
        final StringBuilder headers = new StringBuilder("From: a@x.jp\n");
        for (int i = 0; i < 300; i++) {
            headers.append("X-Filler-").append(i).append(": ").append(i).append('\n');
        }
        final byte[] mail = bytes(headers + "Subject: late\n\nbody\n");
        final MailParser tight = new MailParser(
                ParserSettings.LENIENT.toBuilder().maxHeaderCount(100).build());

        // when
        final ParsedMail parsed = tight.parse(mail);

        // then
        assertThat(parsed.headers().fields()).hasSize(100);
        assertThat(parsed.headers().warnings()).anyMatch(w -> w.contains("more than 100 header fields"));
        assertThat(parsed.subject()).isNull();
        assertThat(parsed.body().text()).isEqualTo("body\r\n");
        assertThatThrownBy(() -> STRICT.parse(mail))
                .isInstanceOf(MailParseException.class)
                .hasMessageContaining("header fields");
    }

    @Test
    void shouldSkipPartsNestedDeeperThanTheLimit() throws Exception {
        // given
        final StringBuilder mail = new StringBuilder("From: a@x.jp\nContent-Type: multipart/mixed; boundary=b0\n\n");
        for (int depth = 1; depth <= 4; depth++) {
            mail.append("--b")
                    .append(depth - 1)
                    .append("\nContent-Type: multipart/mixed; boundary=b")
                    .append(depth)
                    .append("\n\n");
        }
        mail.append("--b4\nContent-Type: text/plain\n\ndeep\n--b4--\n");
        final MailParser shallow = new MailParser(
                ParserSettings.LENIENT.toBuilder().maxPartDepth(3).build());

        // when
        final MailBody body = shallow.parse(bytes(mail.toString())).body();

        // then
        assertThat(body.text()).isEmpty();
        assertThat(body.warnings()).anyMatch(w -> w.contains("nested deeper than 3"));
        assertThat(LENIENT.parse(bytes(mail.toString())).body().text()).isEqualTo("deep");
    }

    @Test
    void shouldBoundTheBodyText() throws Exception {
        // given
        final byte[] mail = bytes("From: a@x.jp\n\n" + "x".repeat(10_000));
        final MailParser small = new MailParser(
                ParserSettings.LENIENT.toBuilder().maxBodyBytes(1_000).build());

        // when / then
        assertThat(small.parse(mail).body().text()).hasSize(1_000);
    }

    @Test
    void shouldReadDatesAndMessageIds() throws Exception {
        // given
        final byte[] rfc =
                bytes("From: a@x.jp\nDate: Tue, 3 Nov 2026 09:00:00 +0900 (JST)\nMessage-ID:  <id@x.jp> \n\nx\n");
        final byte[] obsolete = bytes("From: a@x.jp\nDate: 03 Nov 26 09:00:00 EST\n\nx\n");
        final byte[] broken = bytes("From: a@x.jp\nDate: yesterday\n\nx\n");

        // when / then
        assertThat(LENIENT.parse(rfc).sentAt())
                .isEqualTo(Instant.parse("2026-11-03T00:00:00Z").toEpochMilli());
        assertThat(LENIENT.parse(rfc).messageId()).isEqualTo("<id@x.jp>");
        assertThat(LENIENT.parse(obsolete).sentAt())
                .isEqualTo(Instant.parse("2026-11-03T14:00:00Z").toEpochMilli());
        assertThat(LENIENT.parse(broken).sentAt()).isNull();
    }
}
