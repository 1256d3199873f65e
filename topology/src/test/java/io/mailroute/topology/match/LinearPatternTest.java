package io.mailroute.topology.match;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

class LinearPatternTest {
    @Test
    void shouldFindMatchesAndReadNamedAndNumberedGroups() {
        // given
        final LinearPattern pattern = LinearPattern.compile("(?i)case\\s*(?<value>\\d+)|(order) (\\d+)");

        // when
        final LinearMatcher m = pattern.matcher("Re: CASE 42, order 7");

        // then
        assertThat(pattern.groupCount()).isEqualTo(3);
        assertThat(pattern.groupNames()).containsExactly("value");
        assertThat(m.find()).isTrue();
        assertThat(m.group("value")).isEqualTo("42");
        assertThat(m.group(2)).isNull();
        assertThat(m.start()).isEqualTo(4);
        assertThat(m.find()).isTrue();
        assertThat(m.group()).isEqualTo("order 7");
        assertThat(m.group(3)).isEqualTo("7");
        assertThat(m.end()).isEqualTo(20);
        assertThat(m.find()).isFalse();
    }

    @Test
    void shouldMatchAllOnlyWhenThePatternCoversTheWholeText() {
        final LinearPattern id = LinearPattern.compile("[a-z0-9][a-z0-9._-]{0,99}");

        assertThat(id.matchesAll("aws-billing")).isTrue();
        assertThat(id.matchesAll("aws billing")).isFalse();
        assertThat(id.find("aws billing")).isTrue();
    }

    @Test
    void shouldReplaceEveryMatchWithTheReplacementTakenLiterally() {
        final LinearPattern digits = LinearPattern.compile("\\d+");

        assertThat(digits.replaceAll("invoice 123 of 2026", "$1")).isEqualTo("invoice $1 of $1");
        assertThat(digits.replaceAll("no numbers", "#")).isEqualTo("no numbers");
    }

    @ParameterizedTest(name = "{0}")
    @CsvSource(delimiter = '|', textBlock = """
            a(?=b)        | lookahead (?= is not supported by the linear-time engine                 | 1
            a(?!b)        | negative lookahead (?! is not supported by the linear-time engine        | 1
            x(?<=a)b      | lookbehind (?<= is not supported by the linear-time engine               | 1
            (?<![\\d.])5  | lookbehind (?<! is not supported by the linear-time engine               | 0
            (a)\\1        | backreference \\1 is not supported by the linear-time engine             | 3
            a*+           | possessive quantifier *+ is not supported by the linear-time engine      | 1
            (?>ab)c       | atomic group (?> is not supported by the linear-time engine              | 0
            \\p{Alnum}+   | invalid character class range \\p{Alnum}                                 | 0
            (unclosed     | missing closing )                                                        | -1
            """)
    void shouldRejectWhatTheEngineCannotRunSayingWhatAndWhere(
            final String regex, final String description, final int position) {
        assertThatThrownBy(() -> LinearPattern.compile(regex))
                .isInstanceOfSatisfying(LinearPatternException.class, e -> {
                    assertThat(e.regex()).isEqualTo(regex);
                    assertThat(e.description()).isEqualTo(description);
                    assertThat(e.position()).isEqualTo(position);
                })
                .hasMessageStartingWith(description);
    }

    @ParameterizedTest(name = "{0}: {1}")
    @CsvSource(delimiter = '|', textBlock = """
            (?i)@amazon\\.com$   | true
            (?m)^Status:.*$      | true
            end\\z               | true
            \\bcase\\b           | false
            costs \\$5           | false
            \\\\z                | false
            """)
    void shouldTellWhetherAPatternSeesWhereTheTextEnds(final String regex, final boolean seesEnd) {
        assertThat(LinearPattern.compile(regex).seesTextEnd()).isEqualTo(seesEnd);
    }
}
