package io.mailroute.cli;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.ObjectMapper;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

class TerminalTextTest {

    @ParameterizedTest(name = "U+{0} is escaped")
    @CsvSource({
        "0000", "0007", "0008", "0009", "000a", "000d", "001b", "001f", "007f", "0080", "0085", "009b", "009f", "202a",
        "202b", "202c", "202d", "202e", "2066", "2067", "2068", "2069"
    })
    void shouldEscapeEveryControlCharacterVisibly(final String hex) {
        // given
        final String text = "a" + (char) Integer.parseInt(hex, 16) + "b";

        // when
        final String escaped = TerminalText.escape(text);

        // then
        assertThat(escaped).isEqualTo("a\\u" + hex + "b");
    }

    @Test
    void shouldEscapeATerminalTitleSequenceAndABell() {
        assertThat(TerminalText.escape("Invoice \u001b]0;pwned\u0007 paid"))
                .isEqualTo("Invoice \\u001b]0;pwned\\u0007 paid");
    }

    @Test
    void shouldLeaveOrdinaryTextOfAnyScriptAsItIs() {
        // given
        final String text = "ご請求書のお知らせ (AWS) – 12,34 € • 请求 — \\ back\\slash";

        // then
        assertThat(TerminalText.escape(text)).isSameAs(text);
        assertThat(TerminalText.escape("\u200e\u2065\u206a"))
                .as("neighbours of the bidi ranges")
                .isEqualTo("\u200e\u2065\u206a");
    }

    @Test
    void shouldKeepNullAndGiveTheStandInForAnAbsentValue() {
        assertThat(TerminalText.escape(null)).isNull();
        assertThat(TerminalText.escapeOr(null, "-")).isEqualTo("-");
        assertThat(TerminalText.escapeOr("x\ry", "-")).isEqualTo("x\\u000dy");
    }

    @Test
    void shouldPutTextOnOneLineCutItAndEscapeWhatIsLeft() {
        // when
        final String line = TerminalText.oneLine("Re:\r\n  \u202eevil\u202c\u0008 " + "x".repeat(40), 20);

        // then
        assertThat(line).isEqualTo("Re: \\u202eevil\\u202c\\u0008 xxxxxxx…");
        assertThat(TerminalText.oneLine(null, 20)).isEmpty();
    }

    @Test
    void shouldKeepEscapedJsonValidAndMeaningTheSame() throws Exception {
        // given: Jackson escapes C0 controls itself, but not DEL, C1 or bidi controls
        final ObjectMapper json = new ObjectMapper();
        final String subject = "a\u001b[2Jb\u009bc\u202ed\u007f";
        final String written = json.writeValueAsString(Map.of("subject", subject));

        // when
        final String escaped = TerminalText.escape(written);

        // then
        assertThat(escaped).doesNotContain("\u001b", "\u009b", "\u202e", "\u007f");
        assertThat(json.readTree(escaped).get("subject").asText()).isEqualTo(subject);
    }
}
