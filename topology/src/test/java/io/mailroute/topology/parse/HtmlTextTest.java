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
}
