package io.mailroute.topology.parse;

import java.io.ByteArrayOutputStream;
import java.nio.charset.Charset;
import java.util.Optional;

/**
 * Decodes RFC 2047 encoded words ({@code =?charset?B|Q?text?=}) leniently. Adjacent encoded words
 * in the same charset are joined as bytes before decoding, so a multi-byte character (or an
 * ISO-2022-JP escape sequence) split across two words, or across folded lines, decodes right.
 * Encoded words inside other text are decoded too; unknown charsets and broken words stay as
 * written.
 */
public final class EncodedWords {
    private EncodedWords() {}

    /** The decoded form of an unfolded header value. */
    public static String decode(final String value) {
        if (value == null || value.indexOf("=?") < 0) {
            return value;
        }
        final StringBuilder out = new StringBuilder(value.length());
        final ByteArrayOutputStream pending = new ByteArrayOutputStream();
        Charset pendingCharset = null;
        int pos = 0;
        int textStart = 0;
        while (pos < value.length()) {
            final int start = value.indexOf("=?", pos);
            if (start < 0) {
                break;
            }
            final Optional<Word> word = Word.at(value, start);
            if (word.isEmpty()) {
                pos = start + 2;
                continue;
            }
            final Word w = word.get();
            final String between = value.substring(textStart, start);
            final boolean adjacent = pendingCharset != null && between.isBlank();
            if (!adjacent || !w.charset().equals(pendingCharset)) {
                flush(out, pending, pendingCharset);
                pendingCharset = null;
                if (!adjacent) {
                    out.append(between);
                }
            }
            pendingCharset = w.charset();
            w.decodeInto(pending);
            pos = w.end();
            textStart = pos;
        }
        flush(out, pending, pendingCharset);
        out.append(value, textStart, value.length());
        return out.toString();
    }

    private static void flush(final StringBuilder out, final ByteArrayOutputStream pending, final Charset charset) {
        if (charset != null && pending.size() > 0) {
            out.append(new String(pending.toByteArray(), charset));
        }
        pending.reset();
    }

    /** One well-formed encoded word whose charset is known. */
    private record Word(Charset charset, boolean base64, String text, int end) {

        static Optional<Word> at(final String value, final int start) {
            final int q1 = value.indexOf('?', start + 2);
            if (q1 < 0 || q1 + 2 >= value.length() || value.charAt(q1 + 2) != '?') {
                return Optional.empty();
            }
            final char encoding = Character.toUpperCase(value.charAt(q1 + 1));
            if (encoding != 'B' && encoding != 'Q') {
                return Optional.empty();
            }
            final int textStart = q1 + 3;
            final int close = value.indexOf("?=", textStart);
            if (close < 0) {
                return Optional.empty();
            }
            final String text = value.substring(textStart, close);
            if (text.indexOf(' ') >= 0 && encoding == 'B') {
                return Optional.empty();
            }
            String label = value.substring(start + 2, q1);
            final int language = label.indexOf('*');
            if (language >= 0) {
                label = label.substring(0, language);
            }
            return MailCharsets.forLabel(label).map(charset -> new Word(charset, encoding == 'B', text, close + 2));
        }

        void decodeInto(final ByteArrayOutputStream out) {
            if (base64) {
                Base64Lenient.decodeInto(text, out);
            } else {
                decodeQ(out);
            }
        }

        private void decodeQ(final ByteArrayOutputStream out) {
            for (int i = 0; i < text.length(); i++) {
                final char c = text.charAt(i);
                if (c == '_') {
                    out.write(' ');
                } else if (c == '='
                        && i + 2 < text.length()
                        && hex(text.charAt(i + 1)) >= 0
                        && hex(text.charAt(i + 2)) >= 0) {
                    out.write(hex(text.charAt(i + 1)) << 4 | hex(text.charAt(i + 2)));
                    i += 2;
                } else {
                    out.write(c);
                }
            }
        }

        private static int hex(final char c) {
            return Character.digit(c, 16);
        }
    }
}
