package io.mailroute.topology.classify;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.Locale;
import java.util.Random;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;

class NewPatternsTest {
    /** The shape as it was made on java.util.regex, lookaheads included. */
    private static final Pattern PREFIXES = Pattern.compile(
            "^(?:\\s*(?:re|fw|fwd|aw|sv|転送|返信)\\s*[:：]\\s*|\\s*\\[external]\\s*)+",
            Pattern.CASE_INSENSITIVE | Pattern.UNICODE_CASE);

    private static final Pattern IDS =
            Pattern.compile("\\b(?=[\\p{Alnum}-]*\\d)(?=[\\p{Alnum}-]*\\p{Alpha})[\\p{Alnum}-]{8,}\\b");
    private static final String SUBJECT_CHARACTERS = "abcXY01239-_ .,:re:fw[external]\t";

    @Test
    void shouldDropReplyPrefixesAndMaskIdsAndNumbers() {
        assertThat(NewPatterns.shape("RE: Fwd: [EXTERNAL] Your order ORD-12345678 of 3 items shipped"))
                .isEqualTo("your order * of # items shipped");
        assertThat(NewPatterns.shape("転送： 注文番号 12345 のご案内")).isEqualTo("注文番号 # のご案内");
        assertThat(NewPatterns.shape("  ")).isEqualTo("(no subject)");
    }

    @Test
    void shouldShapeAsciiSubjectsAsTheLookaheadPatternsDid() {
        final Random random = new Random(20_261_120);
        for (int i = 0; i < 100_000; i++) {
            final StringBuilder subject = new StringBuilder();
            final int length = random.nextInt(30);
            for (int k = 0; k < length; k++) {
                subject.append(SUBJECT_CHARACTERS.charAt(random.nextInt(SUBJECT_CHARACTERS.length())));
            }
            assertThat(NewPatterns.shape(subject.toString()))
                    .as("[%s]", subject)
                    .isEqualTo(originalShape(subject.toString()));
        }
    }

    @Test
    void shouldShapeOnlyTheFirstThousandCharactersOfASubject() {
        // 333 prefixes "re:" and the "r" of the next fill the first thousand characters
        assertThat(NewPatterns.shape("re:".repeat(20_000))).isEqualTo("r");
    }

    private static String originalShape(final String subject) {
        if (subject.isBlank()) {
            return "(no subject)";
        }
        String s = subject.toLowerCase(Locale.ROOT);
        s = PREFIXES.matcher(s).replaceFirst("");
        s = IDS.matcher(s).replaceAll("*");
        s = s.replaceAll("\\d+", "#").replaceAll("\\s+", " ").strip();
        return s.length() > 120 ? s.substring(0, 120) : s;
    }
}
