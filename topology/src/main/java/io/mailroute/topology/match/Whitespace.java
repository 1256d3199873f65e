package io.mailroute.topology.match;

/**
 * Java's regular-expression whitespace {@code \s} ({@code [ \t\n\x0B\f\r]}) without a regular
 * expression: what {@code replaceAll("\\s+", " ")} and {@code split("\\s")[0]} did, in one pass.
 */
public final class Whitespace {
    private Whitespace() {}

    /** True for the characters {@code \s} matches in {@code java.util.regex}. */
    public static boolean is(final char c) {
        return c == ' ' || c >= '\t' && c <= '\r';
    }

    /** {@code text} with every run of whitespace replaced by one space. */
    public static String collapse(final String text) {
        final StringBuilder out = new StringBuilder(text.length());
        boolean inRun = false;
        for (int i = 0; i < text.length(); i++) {
            final char c = text.charAt(i);
            if (is(c)) {
                if (!inRun) {
                    out.append(' ');
                }
                inRun = true;
            } else {
                out.append(c);
                inRun = false;
            }
        }
        return out.toString();
    }

    /** {@code text} up to its first whitespace character or character of {@code stops}. */
    public static String upTo(final String text, final String stops) {
        for (int i = 0; i < text.length(); i++) {
            final char c = text.charAt(i);
            if (is(c) || stops.indexOf(c) >= 0) {
                return text.substring(0, i);
            }
        }
        return text;
    }
}
