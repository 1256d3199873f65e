package io.mailroute.topology.bouncereport.reason;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

class WordListTest {
    private final WordList words = WordList.builder()
            .phrases("mailbox full", "over quota")
            .inOrder("user ", " was not found")
            .unless("sender address")
            .build();

    @ParameterizedTest(name = "\"{0}\" -> {1}")
    @CsvSource(
            emptyValue = "",
            value = {
                "552 mailbox full, true",
                "user is over quota, true",
                "user nobody was not found in the directory, true",
                "was not found: user nobody, false", // the phrases of a sequence must come in their order
                "mailbox full for sender address, false", // a denial wins over any saying
                "'', false",
                "mailbox fu ll, false",
            })
    void shouldFindASayingUnlessDenied(final String text, final boolean found) {
        assertThat(words.foundIn(text)).isEqualTo(found);
    }
}
