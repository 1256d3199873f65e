package io.mailroute.topology.bouncereport;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

class ReasonPhrasesTest {

    @Test
    void shouldGiveTheFirstReasonInTableOrderWhosePhraseTheDiagnosticHas() {
        // given
        final ReasonPhrases phrases = new ReasonPhrases(List.of(
                Map.entry("ratelimited", List.of(" 5.7.508 ")),
                Map.entry("userunknown", List.of("no such user", " 5.7.508 "))));

        // then
        assertThat(phrases.reasonOf("550 5.7.508 no such user")).isEqualTo("ratelimited");
        assertThat(phrases.reasonOf("550 no such user")).isEqualTo("userunknown");
        assertThat(phrases.reasonOf("250 ok")).isNull();
    }

    @Test
    void shouldRefuseAReasonNameNoReasonClassHas() {
        // a table with Sisimai's retired "toomanyconn" once gave a reason nothing downstream knew
        assertThatThrownBy(() -> new ReasonPhrases(List.of(Map.entry("toomanyconn", List.of(" 5.7.508 ")))))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessage("no such reason: toomanyconn");
    }
}
