package io.mailroute.topology.bouncereport;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

class HardBounceTest {
    @ParameterizedTest(name = "{0} {1} {2} \"{3}\" -> {4}")
    @CsvSource(
            nullValues = "null",
            value = {
                "userunknown, 5.1.1, 550, 550 no such user, true",
                "hostunknown, null, null, host unknown, true",
                "hasmoved, 5.1.6, 550, has been replaced by, true",
                "mailboxfull, 5.2.2, 552, mailbox full, false",
                "undefined, null, null, '', false",
                "notaccept, 5.1.10, 556, null mx, true",
                "notaccept, 4.3.2, 421, not accepting mail, false",
                "notaccept, null, 421, not accepting mail, false",
                "notaccept, 5.0.0, 421, host does not accept mail, true", // the status code speaks before the reply
                // code
                "notaccept, null, null, mail receiving disabled, true",
                "notaccept, null, null, mail receiving temporarily disabled, false",
                "notaccept, null, null, the domain is persistently refusing mail, false",
            })
    void shouldBeHardOnlyForRecipientsThatCannotExist(
            final String reason,
            final String status,
            final String replyCode,
            final String diagnostic,
            final boolean hard) {
        assertThat(HardBounce.of(reason, status, replyCode, diagnostic)).isEqualTo(hard);
    }
}
