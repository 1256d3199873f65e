package io.mailroute.topology.match;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

class WhitespaceTest {
    @ParameterizedTest(name = "\"{0}\"")
    @ValueSource(strings = {"", " ", "a  b", "\t a \n\u000B\f\r b ", "no-blanks", "\u00A0 nbsp stays\u2003"})
    void shouldCollapseRunsOfWhitespaceAsJavasBackslashSDoes(final String text) {
        assertThat(Whitespace.collapse(text)).isEqualTo(text.replaceAll("\\s+", " "));
    }

    @Test
    void shouldCutBeforeTheFirstWhitespaceOrStopCharacter() {
        assertThat(Whitespace.upTo("failed (permanent)", "(")).isEqualTo("failed");
        assertThat(Whitespace.upTo("mx.example.com[192.0.2.1]", "([")).isEqualTo("mx.example.com");
        assertThat(Whitespace.upTo("(", "(")).isEmpty();
        assertThat(Whitespace.upTo("a@b.example\tx", "")).isEqualTo("a@b.example");
        assertThat(Whitespace.upTo("whole", "(")).isEqualTo("whole");
    }
}
