package io.mailroute.topology.bouncereport;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.ArrayList;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * The classifier's guarded sender and subject patterns find what their patterns find: for every alternative of each pattern,
 * its shortest spelling (optional parts left out, the first branch of a group), in lower and
 * (ASCII) upper case, alone and inside other text, passes the words and matches the pattern.
 */
class WordGuardedPatternTest {
    static Stream<Arguments> alternatives() {
        return Stream.of(
                        BounceClassifier.BOUNCE_SENDER,
                        BounceClassifier.BOUNCE_SUBJECT,
                        BounceClassifier.AUTO_REPLY_SUBJECT)
                .flatMap(guarded -> topLevelAlternatives(guarded.pattern().pattern()).stream()
                        .map(alternative -> Arguments.of(guarded, alternative, shortestSpelling(alternative))));
    }

    @ParameterizedTest(name = "{1}")
    @MethodSource("alternatives")
    void findsEveryAlternativeOfItsPattern(
            final WordGuardedPattern guarded, final String alternative, final String spelling) {
        // given
        final boolean anchored = guarded.pattern().pattern().contains("^");
        final List<String> texts = List.of(
                spelling,
                asciiUpperCase(spelling),
                anchored ? spelling + " / re: notice" : "Re: " + asciiUpperCase(spelling) + " (notice)");

        // when / then
        for (final String text : texts) {
            assertThat(guarded.pattern().find(text))
                    .as("the pattern itself finds %s", text)
                    .isTrue();
            assertThat(guarded.find(text))
                    .as("%s, spelled %s", alternative, text)
                    .isTrue();
        }
    }

    @ParameterizedTest(name = "\"{0}\"")
    @MethodSource("everydayText")
    void rejectsTextWithoutAnyOfItsWords(final String text) {
        assertThat(BounceClassifier.BOUNCE_SENDER.find(text)).isFalse();
        assertThat(BounceClassifier.BOUNCE_SUBJECT.find(text)).isFalse();
        assertThat(BounceClassifier.AUTO_REPLY_SUBJECT.find(text)).isFalse();
    }

    static Stream<String> everydayText() {
        return Stream.of(
                "Amazon Web Services <no-reply@amazonaws.com>",
                "Your AWS bill for November 2026",
                "【楽天市場】注文内容ご確認（自動配信メール）",
                "");
    }

    /** The text with its ASCII letters upper-cased, the rest as it is. */
    private static String asciiUpperCase(final String text) {
        final StringBuilder upper = new StringBuilder(text.length());
        text.chars().forEach(c -> upper.append((char) (c >= 'a' && c <= 'z' ? c - ('a' - 'A') : c)));
        return upper.toString();
    }

    /** The alternatives of the pattern's outermost group, split at its top-level bars. */
    private static List<String> topLevelAlternatives(final String regex) {
        final String body = regex.replaceFirst("^\\(\\?i\\)\\^?(\\\\s\\*)?\\(\\?:", "");
        final String inner = body.substring(0, body.length() - 1);
        final List<String> alternatives = new ArrayList<>();
        int depth = 0;
        int start = 0;
        for (int i = 0; i < inner.length(); i++) {
            final char c = inner.charAt(i);
            if (c == '\\') {
                i++;
            } else if (c == '(') {
                depth++;
            } else if (c == ')') {
                depth--;
            } else if (c == '|' && depth == 0) {
                alternatives.add(inner.substring(start, i));
                start = i + 1;
            }
        }
        alternatives.add(inner.substring(start));
        return alternatives;
    }

    private static String shortestSpelling(final String alternative) {
        return alternative
                .replaceAll("\\(\\?:[^()]*\\)\\?", "")
                .replaceAll("\\(\\?:([^|()]*)(\\|[^()]*)?\\)", "$1")
                .replaceAll("\\.\\*", "")
                .replaceAll("(.)\\?", "");
    }
}
