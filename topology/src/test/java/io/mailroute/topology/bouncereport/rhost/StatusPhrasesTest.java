package io.mailroute.topology.bouncereport.rhost;

import static io.mailroute.topology.bouncereport.rhost.StatusPhrases.rule;
import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import org.junit.jupiter.api.Test;

class StatusPhrasesTest {
    private final StatusPhrases phrases = new StatusPhrases(
            rule("blocked", List.of("4.7.850-899"), "access denied, please try again later"),
            rule("rejected", List.of("5.7.1"), "delivery not authorized"),
            rule("userunknown", List.of("5.1.1", "5.1.10"), "recipient not found"));

    @Test
    void shouldGiveTheReasonOnlyWithTheRulesCode() {
        // then
        assertThat(phrases.reasonOf("5.7.1", "550 5.7.1 delivery not authorized"))
                .isEqualTo("rejected");
        assertThat(phrases.reasonOf("5.7.12", "550 5.7.12 delivery not authorized"))
                .isNull();
        assertThat(phrases.reasonOf("5.1.10", "550 5.1.10 recipient not found")).isEqualTo("userunknown");
        assertThat(phrases.reasonOf(null, "550 5.7.1 delivery not authorized")).isNull();
    }

    @Test
    void shouldGiveTheReasonForACodeWithinTheRange() {
        // given
        final String text = "451 4.7.855 access denied, please try again later";

        // then
        assertThat(phrases.reasonOf("4.7.850", text)).isEqualTo("blocked");
        assertThat(phrases.reasonOf("4.7.899", text)).isEqualTo("blocked");
        assertThat(phrases.reasonOf("4.7.849", text)).isNull();
        assertThat(phrases.reasonOf("4.7.900", text)).isNull();
        assertThat(phrases.reasonOf("5.7.855", text)).isNull();
        assertThat(phrases.reasonOf("4.7.8555", text)).isNull();
        assertThat(phrases.reasonOf("4.7.", text)).isNull();
    }
}
