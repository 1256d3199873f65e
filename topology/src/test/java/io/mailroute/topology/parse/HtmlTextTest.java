package io.mailroute.topology.parse;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

class HtmlTextTest {

    @Test
    void shouldDropMarkupScriptsAndStylesAndKeepParagraphs() {
        final String html = "<html><head><title>T</title></head><body><!-- hidden --><div>One&#x20;<b>two</b></div>"
                + "<SCRIPT>alert(1)</SCRIPT><p>three&lt;4&gt;</p><br/>five&#12354;</body></html>";

        assertThat(HtmlText.toText(html)).isEqualTo("One two\n\nthree<4>\n\nfiveあ");
    }

    @Test
    void shouldSurviveUnterminatedMarkup() {
        assertThat(HtmlText.toText("text <b unterminated")).isEqualTo("text");
        assertThat(HtmlText.toText("a &unknown; b & c")).isEqualTo("a &unknown; b & c");
    }

    @Test
    void shouldReadAmpersandsWithoutSemicolonsInLinearTime() {
        // given: every '&' once made the reader look for a ';' to the end of the text
        final String html = "&".repeat(1_000_000) + ";";

        // when
        final long started = System.nanoTime();
        final String text = HtmlText.toText(html);
        final long millis = (System.nanoTime() - started) / 1_000_000;

        // then
        assertThat(text).hasSize(1_000_001);
        assertThat(millis).as("milliseconds for 1 MB of '&'").isLessThan(2_000);
    }

    @Test
    void shouldDecodeEveryNamedEntityAndKeepTextOfMisnestedAndDeeplyNestedMarkup() {
        // given: entities no short table knows, formatting tags closed in the wrong order, 100,000 open divs
        final String entities = "&hearts; &rarr; &eacute;t&eacute; &NotEqualTilde;";
        final String misnested = "<b>bold <i>both</b> italic</i> <table><td>cell</table>";
        final String deep = "<div>".repeat(100_000) + "deep" + "</div>".repeat(3);

        // when
        final String text = HtmlText.toText(entities + misnested + deep);

        // then
        assertThat(text)
                .startsWith("♥ → été ≂̸bold both italic")
                .contains("cell")
                .endsWith("deep");
    }

    @Test
    void shouldDecodeTheLongestNumericEntity() {
        assertThat(HtmlText.toText("&#x10FFFF;&#1114111;"))
                .isEqualTo(new String(Character.toChars(0x10FFFF)).repeat(2));
    }
}
