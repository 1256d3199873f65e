package io.mailroute.cli;

/**
 * Mail-derived text made safe to print on a terminal. Subjects, senders, error messages and the
 * like come from whoever sent the mail: an ESC starts a terminal control sequence (retitle the
 * window, move the cursor, rewrite what was printed before), BEL rings, CR and backspace overwrite
 * the line, and the Unicode bidi embeddings, overrides and isolates reorder what the operator
 * reads. Each such character is written as a visible escape instead (ESC as <code>&#92;u001b</code>): the C0
 * controls (newline and tab included: a printed field stays on its line), DEL, the C1 controls
 * U+0080–U+009F, U+202A–U+202E and U+2066–U+2069. Everything else, other scripts included,
 * passes unchanged. The escapes are JSON escapes too, so escaped JSON stays JSON.
 */
final class TerminalText {
    private static final String ELLIPSIS = "…";

    private TerminalText() {}

    /** {@code text} with every control character escaped; null stays null. */
    static String escape(final String text) {
        if (text == null || !hasControl(text)) {
            return text;
        }
        final StringBuilder escaped = new StringBuilder(text.length() + 16);
        for (int i = 0; i < text.length(); i++) {
            final char c = text.charAt(i);
            if (isControl(c)) {
                escaped.append(String.format("\\u%04x", (int) c));
            } else {
                escaped.append(c);
            }
        }
        return escaped.toString();
    }

    /** True when {@code text} holds a character that {@link #escape} would escape. */
    static boolean hasControl(final String text) {
        return text.chars().anyMatch(TerminalText::isControl);
    }

    /** {@code text} or {@code absent} when it is null, escaped. */
    static String escapeOr(final String text, final String absent) {
        return text == null ? absent : escape(text);
    }

    /**
     * {@code text} on one line for a listing: runs of white space become one space, then it is cut
     * to {@code max} characters (the last one an ellipsis) and escaped. Null becomes empty.
     */
    static String oneLine(final String text, final int max) {
        final String line = text == null ? "" : text.replaceAll("\\s+", " ").trim();
        return escape(line.length() <= max ? line : line.substring(0, max - 1) + ELLIPSIS);
    }

    private static boolean isControl(final int c) {
        return c < 0x20 || c >= 0x7f && c <= 0x9f || c >= 0x202a && c <= 0x202e || c >= 0x2066 && c <= 0x2069;
    }
}
