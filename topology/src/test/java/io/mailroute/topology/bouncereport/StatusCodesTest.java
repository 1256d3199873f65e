package io.mailroute.topology.bouncereport;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

/** Sisimai's reading of status codes in error messages and its choice between two codes. */
class StatusCodesTest {
    @Test
    void findsTheMostSpecificCodeOfTheMessage() {
        assertThat(StatusCodes.find("5.1.0 - Unknown address error 550-'5.7.1 <x@example.com>... Access denied'"))
                .isEqualTo("5.7.1");
        assertThat(StatusCodes.find("550 5.0.0 rejected, see 5.1.1 below")).isEqualTo("5.1.1");
        assertThat(StatusCodes.find("550 5.0.0 rejected")).isEqualTo("5.0.0");
    }

    @Test
    void ignoresAddressesVersionsAndLongNumbers() {
        assertThat(StatusCodes.find("refused by 192.0.2.5 (v5.1.1 filter)")).isNull();
        assertThat(StatusCodes.find("see build 5.1.1234 notes")).isNull();
        assertThat(StatusCodes.find("550 5.1.351 Remote server returned")).isEqualTo("5.1.351");
    }

    @Test
    void prefersTheSpecificCodeOverTheStatusField() {
        assertThat(StatusCodes.prefer("5.0.0", "5.7.1", null)).isEqualTo("5.7.1");
        assertThat(StatusCodes.prefer("5.1.1", "5.7.1", "550")).isEqualTo("5.7.1");
        assertThat(StatusCodes.prefer("5.1.1", "5.1.0", null)).isEqualTo("5.1.1");
        assertThat(StatusCodes.prefer("4.4.7", "4.2.2", null)).isEqualTo("4.2.2");
        assertThat(StatusCodes.prefer("5.2.2", "4.2.2", "452")).isEqualTo("4.2.2");
        assertThat(StatusCodes.prefer(null, "5.1.1", null)).isEqualTo("5.1.1");
        assertThat(StatusCodes.prefer("5.1.1", null, null)).isEqualTo("5.1.1");
    }
}
