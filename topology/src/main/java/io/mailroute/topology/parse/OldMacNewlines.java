package io.mailroute.topology.parse;

import java.io.ByteArrayOutputStream;

/**
 * Mail whose lines end in a carriage return alone, as old Mac OS wrote them. The parser reads
 * lines up to a line feed, so it finds the header fields of such a mail in a copy with line feeds.
 */
public final class OldMacNewlines {
    private OldMacNewlines() {}

    /** True when the first line of {@code raw} ends in a carriage return that no line feed follows. */
    public static boolean in(final byte[] raw) {
        for (int i = 0; i < raw.length; i++) {
            if (raw[i] == '\n') {
                return false;
            }
            if (raw[i] == '\r') {
                return i + 1 == raw.length || raw[i + 1] != '\n';
            }
        }
        return false;
    }

    /** {@code raw} with every CRLF and every lone CR made a line feed. */
    static byte[] toLineFeeds(final byte[] raw) {
        final ByteArrayOutputStream out = new ByteArrayOutputStream(raw.length);
        for (int i = 0; i < raw.length; i++) {
            final byte b = raw[i];
            if (b == '\r') {
                out.write('\n');
                if (i + 1 < raw.length && raw[i + 1] == '\n') {
                    i++;
                }
            } else {
                out.write(b);
            }
        }
        return out.toByteArray();
    }
}
