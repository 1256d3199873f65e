package io.mailroute.topology.bouncereport;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

class LastResortReasonTest {
    @ParameterizedTest(name = "{0} \"{1}\" {2} {3} -> {4}")
    @CsvSource(
            nullValues = "null",
            emptyValue = "",
            value = {
                "5.6.0, media error, failed, null, contenterror",
                "4.7.0, try again later, failed, null, securityerror",
                "null, try again later, delayed, null, expired",
                "null, i am out of the office until monday, failed, null, vacation",
                // refused at the greeting or the client's name: the command as the caller read it
                "null, 554 go elsewhere, failed, HELO, blocked",
                "null, 554 go elsewhere, failed, EHLO, blocked",
                "null, 554 go elsewhere, failed, CONN, blocked",
                "null, 554 go elsewhere, failed, RCPT, onhold",
                "null, 502 command not implemented, failed, null, syntaxerror",
                "null, something went wrong, failed, null, onhold",
                "null, '', failed, null, undefined",
            })
    void shouldFallBackInSisimaisOrder(
            final String status, final String text, final String action, final String command, final String reason) {
        assertThat(LastResortReason.of(status, text, action, command)).isEqualTo(reason);
    }
}
