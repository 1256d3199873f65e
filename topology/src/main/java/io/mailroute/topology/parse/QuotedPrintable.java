package io.mailroute.topology.parse;

import java.io.ByteArrayOutputStream;

/**
 * Quoted-printable decoding (RFC 2045, section 6.7) read the way Angus Mail's {@code QPDecoderStream}
 * reads it, without its recursion: that stream calls itself once per soft line break, so a part of
 * a few hundred thousand {@code =CRLF} overflowed the stack. Soft line breaks go; {@code =XX} with
 * two hex digits becomes its byte; any other {@code =} stays; spaces before a line end go.
 */
public final class QuotedPrintable {
    private QuotedPrintable() {}

    /** The decoded bytes of {@code src[start, end)}. */
    public static byte[] decode(final byte[] src, final int start, final int end) {
        final ByteArrayOutputStream out = new ByteArrayOutputStream(end - start);
        int i = start;
        while (i < end) {
            final int c = src[i] & 0xFF;
            if (c == ' ') {
                int j = i;
                while (j < end && src[j] == ' ') {
                    j++;
                }
                if (j < end && src[j] != '\r' && src[j] != '\n') {
                    out.write(src, i, j - i);
                }
                i = j;
            } else if (c == '=') {
                i = escape(src, i, end, out);
            } else {
                out.write(c);
                i++;
            }
        }
        return out.toByteArray();
    }

    /** Reads the escape at {@code src[at] == '='}; returns where reading goes on. */
    private static int escape(final byte[] src, final int at, final int end, final ByteArrayOutputStream out) {
        if (at + 1 >= end) {
            return end;
        }
        final byte next = src[at + 1];
        if (next == '\n') {
            return at + 2;
        }
        if (next == '\r') {
            return at + 2 < end && src[at + 2] == '\n' ? at + 3 : at + 2;
        }
        final int high = at + 2 < end ? Character.digit(next, 16) : -1;
        final int low = high >= 0 ? Character.digit(src[at + 2], 16) : -1;
        if (low < 0) {
            out.write('=');
            return at + 1;
        }
        out.write(high << 4 | low);
        return at + 3;
    }
}
