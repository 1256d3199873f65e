package io.mailroute.topology.parse;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.tuple;

import io.mailroute.avro.Attachment;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.util.HexFormat;
import org.junit.jupiter.api.Test;

class BodyWalkerTest {
    private static final MailParser LENIENT = new MailParser(ParserSettings.LENIENT);
    private static final MailParser STRICT = new MailParser(ParserSettings.STRICT);

    private static byte[] ascii(final String text) {
        return text.getBytes(StandardCharsets.US_ASCII);
    }

    @Test
    void shouldWalkNestedMultipartsWhoseBoundariesShareAPrefix() throws Exception {
        // given: the inner boundary starts with the outer one, and the outer's lines end in bare LFs
        final byte[] mail = ascii("From: a@x.jp\nContent-Type: multipart/mixed; boundary=\"b\"\n\n"
                + "--b\nContent-Type: multipart/alternative;\n boundary=\"b-alt\"\n\n"
                + "--b-alt\r\nContent-Type: text/html\r\n\r\n<p>html</p>\r\n"
                + "--b-alt\r\nContent-Type: text/plain; charset=us-ascii\r\n\r\nplain text\r\n--b-alt--\r\n"
                + "--b\nContent-Type: application/octet-stream\nContent-Disposition: attachment; filename=\"a.bin\"\n\n"
                + "0123456789\n--b--\n");

        // when
        final MailBody body = LENIENT.parse(mail).body();

        // then
        assertThat(body.text()).isEqualTo("plain text");
        assertThat(body.attachments())
                .extracting(
                        Attachment::getFileName, Attachment::getContentType, Attachment::getSize, Attachment::getSha256)
                .containsExactly(tuple("a.bin", "application/octet-stream", 10L, sha256("0123456789")));
        assertThat(body.warnings()).isEmpty();
    }

    @Test
    void shouldWarnAndFindNoPartsWithoutABoundaryDelimiterLine() throws Exception {
        // given
        final byte[] mail =
                ascii("From: a@x.jp\nContent-Type: multipart/mixed; boundary=\"b\"\n\njust text\n--c\n\nx\n");

        // when
        final MailBody body = LENIENT.parse(mail).body();

        // then
        assertThat(body.text()).isEmpty();
        assertThat(body.warnings())
                .containsExactly("body could not be read completely: multipart/mixed has no boundary delimiter line");
        assertThatThrownBy(() -> STRICT.parse(mail))
                .isInstanceOf(MailParseException.class)
                .hasMessageContaining("no boundary delimiter line");
    }

    @Test
    void shouldWalkTheSiblingsOfAMultipartWithoutDelimiters() throws Exception {
        // given
        final byte[] mail = ascii("From: a@x.jp\nContent-Type: multipart/mixed; boundary=\"b\"\n\n"
                + "--b\nContent-Type: multipart/alternative; boundary=\"none\"\n\nno parts\n"
                + "--b\nContent-Type: text/plain\n\nsibling\n--b--\n");

        // when
        final MailBody body = LENIENT.parse(mail).body();

        // then
        assertThat(body.text()).isEqualTo("sibling");
        assertThat(body.warnings()).hasSize(1);
    }

    @Test
    void shouldReadAPartStartingWithABlankLineAsBodyOnly() throws Exception {
        // given: the body's first line looks like a header field but follows the blank line
        final byte[] mail = ascii(
                "From: a@x.jp\nContent-Type: multipart/mixed; boundary=\"b\"\n\n--b\n\nNote: not a header\n--b--\n");

        // when / then
        assertThat(LENIENT.parse(mail).body().text()).isEqualTo("Note: not a header");
    }

    @Test
    void shouldReadAPartWithoutAHeaderBlockAsBodyWithAWarning() throws Exception {
        // given
        final byte[] mail =
                ascii("From: a@x.jp\nContent-Type: multipart/mixed; boundary=\"b\"\n\n--b\nhello there\n--b--\n");

        // when
        final MailBody body = LENIENT.parse(mail).body();

        // then
        assertThat(body.text()).isEqualTo("hello there");
        assertThat(body.warnings()).containsExactly("a body part has no header block; read as body");
        assertThatThrownBy(() -> STRICT.parse(mail))
                .isInstanceOf(MailParseException.class)
                .hasMessageStartingWith("body part: ");
    }

    @Test
    void shouldSkipADamagedFirstHeaderLineOfAPart() throws Exception {
        // given
        final byte[] mail = ascii("From: a@x.jp\nContent-Type: multipart/mixed; boundary=\"b\"\n\n--b\n"
                + "Content-Type* application/pdf\nContent-Disposition: attachment; filename=\"a.pdf\"\n"
                + "Content-Transfer-Encoding: base64\n\nJVBERg==\n--b--\n");

        // when
        final MailBody body = LENIENT.parse(mail).body();

        // then
        assertThat(body.attachments())
                .extracting(Attachment::getFileName, Attachment::getSize)
                .containsExactly(tuple("a.pdf", 4L));
        assertThat(body.warnings()).containsExactly("a body part's first header line is not a header field; skipped");
    }

    @Test
    void shouldTakeTheFirstDashLineForTheBoundaryWhenTheParameterIsMissing() throws Exception {
        // given
        final byte[] mail = ascii(
                "From: a@x.jp\nContent-Type: multipart/mixed\n\n--guess\nContent-Type: text/plain\n\nfound\n--guess--\n");

        // when / then
        assertThat(LENIENT.parse(mail).body().text()).isEqualTo("found");
    }

    private static String sha256(final String content) throws Exception {
        return HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256").digest(ascii(content)));
    }
}
