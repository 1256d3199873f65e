package io.mailroute.topology.parse;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.util.Random;
import org.eclipse.angus.mail.util.QPDecoderStream;
import org.junit.jupiter.api.Test;

class QuotedPrintableTest {
    /** Bytes quoted-printable text is made of, and the ones that trip decoders. */
    private static final byte[] ALPHABET = "==\r\n \tAf3x9G.".getBytes(StandardCharsets.US_ASCII);

    @Test
    void shouldDecodeEscapesSoftBreaksAndTrailingSpaces() {
        assertThat(decode("caf=C3=A9 =\r\nau lait  \r\nx=\ny = z=4")).isEqualTo("café au lait\r\nxy = z=4");
    }

    @Test
    void shouldReadAsAngusMailReadsWhereAngusDoesNotStumble() throws IOException {
        // Angus reads "=-1" as the end of the stream and "=X" at the very end as '=', 'X' and 0xFF:
        // inputs without '-' and not ending in '=' plus one byte
        final Random random = new Random(2045);
        for (int n = 0; n < 100_000; n++) {
            final byte[] text = new byte[random.nextInt(40)];
            for (int i = 0; i < text.length; i++) {
                text[i] = ALPHABET[random.nextInt(ALPHABET.length)];
            }
            if (text.length >= 2 && text[text.length - 2] == '=') {
                continue;
            }
            assertThat(QuotedPrintable.decode(text, 0, text.length))
                    .as("decoding %s", new String(text, StandardCharsets.US_ASCII))
                    .isEqualTo(angus(text));
        }
    }

    @Test
    void shouldDecodeHundredsOfThousandsOfSoftLineBreaksWithoutOverflowingTheStack() {
        // given: Angus' stream calls itself once per soft line break
        final byte[] text = ("=\r\n".repeat(400_000) + "end").getBytes(StandardCharsets.US_ASCII);

        // when
        final byte[] decoded = QuotedPrintable.decode(text, 0, text.length);

        // then
        assertThat(new String(decoded, StandardCharsets.US_ASCII)).isEqualTo("end");
    }

    private static String decode(final String text) {
        final byte[] bytes = text.getBytes(StandardCharsets.UTF_8);
        return new String(QuotedPrintable.decode(bytes, 0, bytes.length), StandardCharsets.UTF_8);
    }

    private static byte[] angus(final byte[] text) throws IOException {
        try (QPDecoderStream in = new QPDecoderStream(new ByteArrayInputStream(text))) {
            return in.readAllBytes();
        }
    }
}
