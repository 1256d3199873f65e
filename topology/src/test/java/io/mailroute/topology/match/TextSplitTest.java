package io.mailroute.topology.match;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

class TextSplitTest {
    @ParameterizedTest(name = "\"{0}\"")
    @ValueSource(strings = {"", "a", "a\nb", "a\n\nb", "\na", "a\n", "a\n\n", "\n", "\n\n", "\n\na\n\nb\n\n", " \n "})
    void shouldSplitAsStringSplitDoesWithTheSameSeparator(final String text) {
        assertThat(TextSplit.at(text, '\n')).containsExactly(text.split("\n"));
    }
}
