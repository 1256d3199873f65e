package io.mailroute.cli.suppressions;

import static org.assertj.core.api.Assertions.assertThat;

import io.mailroute.avro.Suppression;
import io.mailroute.avro.SuppressionBasis;
import io.mailroute.cli.CsvFields;
import java.time.Instant;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

class SesSuppressionCsvTest {

    @Test
    void shouldWriteOneAddressAndBouncePerRecordWithoutQuotesWhenNoneAreNeeded() {
        assertThat(SesSuppressionCsv.record(suppression("hanako@example.net", true)))
                .isEqualTo("hanako@example.net,BOUNCE\r\n");
        assertThat(SesSuppressionCsv.record(suppression("taro.@docomo.ne.jp", true)))
                .as("an RFC-violating carrier address is kept byte for byte")
                .isEqualTo("taro.@docomo.ne.jp,BOUNCE\r\n");
    }

    @Test
    void shouldExportSoftBounceSuppressionsAsBouncesToo() {
        assertThat(SesSuppressionCsv.record(suppression("full@example.net", false)))
                .isEqualTo("full@example.net,BOUNCE\r\n");
    }

    @Test
    void shouldQuoteAnAddressWithACommaOrAQuoteAndDoubleItsQuotes() {
        assertThat(SesSuppressionCsv.record(suppression("\"a,b\"@example.com", true)))
                .isEqualTo("\"\"\"a,b\"\"@example.com\",BOUNCE\r\n");
        assertThat(SesSuppressionCsv.record(suppression("x@example.com,COMPLAINT", true)))
                .as("an address cannot smuggle in a reason")
                .isEqualTo("\"x@example.com,COMPLAINT\",BOUNCE\r\n");
    }

    @ParameterizedTest
    @ValueSource(strings = {"\"a,b\"@example.com", "a\"b@example.com", "x@example.com,COMPLAINT", "山田@例え.jp"})
    void shouldReadBackAsTheAddressAndBounce(final String address) {
        // when
        final String record = SesSuppressionCsv.record(suppression(address, true));

        // then
        assertThat(CsvFields.rows(record, "address"))
                .singleElement()
                .satisfies(row -> assertThat(row.fields()).containsExactly(address, "BOUNCE"));
    }

    @Test
    void shouldQuoteLineBreaksSoThatNoAddressStartsAnotherRecord() {
        assertThat(SesSuppressionCsv.record(suppression("a@example.com\r\nvictim@example.com", true)))
                .isEqualTo("\"a@example.com\r\nvictim@example.com\",BOUNCE\r\n");
    }

    @Test
    void shouldQuoteSurroundingWhiteSpaceAndEmptyFields() {
        assertThat(SesSuppressionCsv.field(" a@example.com")).isEqualTo("\" a@example.com\"");
        assertThat(SesSuppressionCsv.field("")).isEqualTo("\"\"");
    }

    private static Suppression suppression(final String address, final boolean hard) {
        return Suppression.newBuilder()
                .setAddress(address)
                .setReason(hard ? "userunknown" : "mailboxfull")
                .setHardBounce(hard)
                .setCount(1)
                .setFirstSeen(Instant.parse("2026-11-20T09:00:00Z"))
                .setLastSeen(Instant.parse("2026-11-20T09:00:00Z"))
                .setLastMailId("m-1")
                .setBasis(SuppressionBasis.VERIFIED)
                .setReportingDomains(List.of("example.com"))
                .build();
    }
}
