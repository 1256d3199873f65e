package io.mailroute.topology.bouncereport;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.Random;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;

/**
 * The patterns whose lookarounds the linear-time engine cannot run were rewritten as consumed
 * alternatives and checks in code; they find what the originals (kept here, on java.util.regex) found.
 */
class LookaroundRewritesTest {
    private static final Pattern[] ORIGINAL_STATUS = {
        Pattern.compile("[ ]?\\(#([45]\\.\\d\\.\\d{1,3})\\)"),
        Pattern.compile("\\b\\d{3}[- ]#?([45]\\.\\d\\.\\d{1,3})\\b"),
        Pattern.compile("(?<![\\d.])([245]\\.\\d\\.\\d{1,3})(?![\\d.]*\\d)"),
    };
    private static final Pattern ORIGINAL_REPLY =
            Pattern.compile("(?<![\\d.])([245][0-5]\\d)(?=[ -]|$)(?![ -]?\\d{3})");
    private static final String CODE_CHARACTERS = "0123455.. -#()\n2ab5x_";
    private static final int SAMPLES = 200_000;

    @Test
    void shouldFindTheStatusAndReplyCodesTheLookaroundPatternsFound() {
        final Random random = new Random(20_261_120);
        for (int i = 0; i < SAMPLES; i++) {
            final String text = randomText(random, CODE_CHARACTERS, 20);
            assertThat(StatusCodes.status(text)).as("status of [%s]", text).isEqualTo(originalStatus(text));
            assertThat(StatusCodes.replyCode(text))
                    .as("reply code of [%s]", text)
                    .isEqualTo(originalReplyCode(text));
        }
    }

    @Test
    void shouldReadNoRecipientAfterAHyphenatedTo() {
        final String report = "In-Reply-To: <x@y.example>\nReply-To: z@y.example\nTo: <a@b.example>\n";
        assertThat(PlainTextFailures.read(report, Set.of()))
                .extracting(Failure::recipient)
                .containsExactly("a@b.example");
    }

    @Test
    void shouldReadAnAddressRightAfterAnotherOnesClosingBracket() {
        assertThat(PlainTextFailures.read("unrouteable <a@b.example>d@e.example,f@g.example\n", Set.of()))
                .extracting(Failure::recipient)
                .containsExactly("a@b.example", "d@e.example");
    }

    private static String randomText(final Random random, final String characters, final int maxLength) {
        final StringBuilder text = new StringBuilder();
        final int length = random.nextInt(maxLength);
        for (int k = 0; k < length; k++) {
            text.append(characters.charAt(random.nextInt(characters.length())));
        }
        return text.toString();
    }

    private static String originalStatus(final String text) {
        if (text.isEmpty()) {
            return null;
        }
        for (final Pattern pattern : ORIGINAL_STATUS) {
            final Matcher m = pattern.matcher(text);
            if (m.find()) {
                return m.group(1);
            }
        }
        return null;
    }

    private static String originalReplyCode(final String text) {
        final Matcher m = ORIGINAL_REPLY.matcher(text);
        while (m.find()) {
            if (m.group(1).charAt(0) != '2') {
                return m.group(1);
            }
        }
        return null;
    }
}
