package io.mailroute.cli;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.List;
import org.junit.jupiter.api.Test;

class CsvFieldsTest {

    @Test
    void shouldReadQuotedFieldsWithCommasQuotesAndLineBreaksAndNumberRowsByTheirFirstLine() {
        // given
        final String text = "ownerId,emails,locale\n"
                + "# a comment\n"
                + "\n"
                + "111111111111, ops@example.co.jp ,ja\n"
                + "222222222222,\"a@example.com;\n\"\"b\"\"@example.com, x\",en\r\n"
                + "333333333333,c@example.com,en\n";

        // when
        final List<CsvFields.Row> rows = CsvFields.rows(text, "ownerId");

        // then
        assertThat(rows)
                .containsExactly(
                        new CsvFields.Row(4, List.of("111111111111", "ops@example.co.jp", "ja")),
                        new CsvFields.Row(5, List.of("222222222222", "a@example.com;\n\"b\"@example.com, x", "en")),
                        new CsvFields.Row(7, List.of("333333333333", "c@example.com", "en")));
    }

    @Test
    void shouldKeepTheFirstRowWhenItIsNoHeader() {
        assertThat(CsvFields.rows("111111111111,a@example.com\n", "ownerId"))
                .containsExactly(new CsvFields.Row(1, List.of("111111111111", "a@example.com")));
    }

    @Test
    void shouldRefuseAQuoteLeftOpen() {
        assertThatThrownBy(() -> CsvFields.rows("1,\"never closed\n2,b\n", "ownerId"))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageStartingWith("not CSV: ");
    }
}
