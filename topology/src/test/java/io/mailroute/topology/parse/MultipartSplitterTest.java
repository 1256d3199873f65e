package io.mailroute.topology.parse;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.charset.StandardCharsets;
import java.util.List;
import org.junit.jupiter.api.Test;

class MultipartSplitterTest {
    private static final byte[] B = {'b'};

    private static MultipartSplitter.Split split(final String body, final byte[] boundary) {
        return MultipartSplitter.split(body.getBytes(StandardCharsets.ISO_8859_1), 0, body.length(), boundary);
    }

    private static List<String> parts(final String body, final MultipartSplitter.Split split) {
        return split.parts().stream()
                .map(p -> body.substring(p.start(), p.end()))
                .toList();
    }

    private static List<String> parts(final String body) {
        return parts(body, split(body, B));
    }

    @Test
    void shouldGiveTheLineBreakBeforeADelimiterToTheDelimiterWithCrlf() {
        // given
        final String body = "--b\r\nContent-Type: text/plain\r\n\r\none\r\n\r\n--b\r\n\r\ntwo\r\n--b--\r\n";

        // when
        final MultipartSplitter.Split split = split(body, B);

        // then: the part before a delimiter keeps only its own trailing line break
        assertThat(parts(body, split)).containsExactly("Content-Type: text/plain\r\n\r\none\r\n", "\r\ntwo");
        assertThat(split.delimiterFound()).isTrue();
        assertThat(split.closed()).isTrue();
    }

    @Test
    void shouldSplitOnBareLineFeeds() {
        assertThat(parts("--b\nContent-Type: text/plain\n\none\n--b\n\ntwo\n--b--\n"))
                .containsExactly("Content-Type: text/plain\n\none", "\ntwo");
    }

    @Test
    void shouldSplitOnBareCarriageReturnsAsOldMacMailHas() {
        assertThat(parts("--b\r\rone\r--b\r\rtwo\r--b--\r")).containsExactly("\rone", "\rtwo");
    }

    @Test
    void shouldAcceptTransportPaddingAfterTheBoundary() {
        assertThat(parts("--b \t\r\n\r\none\r\n--b\t\r\n\r\ntwo\r\n--b--  \r\n"))
                .containsExactly("\r\none", "\r\ntwo");
    }

    @Test
    void shouldIgnoreTextAfterTheCloseDelimiterAndTheEpilogue() {
        // given
        final String body = "--b\r\n\r\none\r\n--b-- end of message\r\nepilogue\r\n--b\r\n\r\nnot a part\r\n";

        // when
        final MultipartSplitter.Split split = split(body, B);

        // then
        assertThat(parts(body, split)).containsExactly("\r\none");
        assertThat(split.closed()).isTrue();
    }

    @Test
    void shouldIgnoreThePreamble() {
        assertThat(parts("This is a multi-part message in MIME format.\r\n-- b\r\n\r\n--b\r\n\r\none\r\n--b--\r\n"))
                .containsExactly("\r\none");
    }

    @Test
    void shouldRunTheLastPartToTheEndWithoutACloseDelimiter() {
        // given
        final String body = "--b\r\n\r\none\r\n--b\r\nContent-Type: text/html\r\n\r\n<p>two";

        // when
        final MultipartSplitter.Split split = split(body, B);

        // then
        assertThat(parts(body, split)).containsExactly("\r\none", "Content-Type: text/html\r\n\r\n<p>two");
        assertThat(split.closed()).isFalse();
    }

    @Test
    void shouldLeaveOutALastPartCutOffBeforeItsHeaderBlockEnded() {
        assertThat(parts("--b\r\n\r\none\r\n--b\r\nContent-Type: text/ht")).containsExactly("\r\none");
        assertThat(parts("--b\r\n\r\none\r\n--b\r\n")).containsExactly("\r\none");
    }

    @Test
    void shouldNotTakeABoundaryAtTheEndOfTheInputWithoutALineBreakForADelimiter() {
        assertThat(parts("--b\r\n\r\none\r\n--b")).containsExactly("\r\none\r\n--b");
    }

    @Test
    void shouldKeepEmptyParts() {
        assertThat(parts("--b\r\n--b\r\n\r\n--b\r\n\r\n\r\n--b--\r\n")).containsExactly("", "", "\r\n");
    }

    @Test
    void shouldOnlyTakeTheBoundaryAtTheStartOfALine() {
        assertThat(parts("--b\r\n\r\nsee --b and\r\n --b here\r\n--b--\r\n"))
                .containsExactly("\r\nsee --b and\r\n --b here");
    }

    @Test
    void shouldNotTakeALineThatOnlyStartsWithTheBoundaryForADelimiter() {
        assertThat(parts("--b\r\n\r\none\r\n--bb\r\n--b more\r\n--b-x\r\n--b--\r\n"))
                .containsExactly("\r\none\r\n--bb\r\n--b more\r\n--b-x");
    }

    @Test
    void shouldFindNoPartsWithoutADelimiterLine() {
        // given
        final String body = "no delimiter here\r\n--c\r\n\r\nx\r\n";

        // when
        final MultipartSplitter.Split split = split(body, B);

        // then
        assertThat(split.parts()).isEmpty();
        assertThat(split.delimiterFound()).isFalse();
    }

    @Test
    void shouldFindNoPartsWhenTheCloseDelimiterComesFirst() {
        // given
        final String body = "--b--\r\n--b\r\n\r\nx\r\n";

        // when
        final MultipartSplitter.Split split = split(body, B);

        // then
        assertThat(split.parts()).isEmpty();
        assertThat(split.delimiterFound()).isFalse();
    }

    @Test
    void shouldTakeTheFirstDashLineForTheBoundaryWhenTheParameterIsMissing() {
        // given: a row of dashes in the preamble is no boundary
        final String body = "preamble\r\n--------\r\n--guess \r\n\r\none\r\n--guess\r\n\r\ntwo\r\n--guess--\r\n";

        // when
        final MultipartSplitter.Split split = split(body, null);

        // then
        assertThat(parts(body, split)).containsExactly("\r\none", "\r\ntwo");
        assertThat(split.closed()).isTrue();
    }

    @Test
    void shouldSplitOnlyTheGivenRange() {
        // given
        final String mail = "Content-Type: multipart/mixed; boundary=b\r\n\r\n--b\r\n\r\none\r\n--b--\r\n";
        final int start = mail.indexOf("--b");

        // when
        final MultipartSplitter.Split split =
                MultipartSplitter.split(mail.getBytes(StandardCharsets.US_ASCII), start, mail.length(), B);

        // then
        assertThat(split.parts()).containsExactly(new MultipartSplitter.Part(start + 5, start + 10));
    }
}
