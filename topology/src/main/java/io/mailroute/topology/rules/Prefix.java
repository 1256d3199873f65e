package io.mailroute.topology.rules;

/**
 * Cuts a value to a prefix a pattern without end anchors reads as it reads the whole value: the
 * cut falls right before a character that is no ASCII word character (and not inside a surrogate
 * pair), so {@code \b} and {@code \B} see at the cut what they see in the whole value.
 */
final class Prefix {
    private Prefix() {}

    /** {@code value} itself when it has at most {@code chars} characters, else its longest prefix so cut. */
    static String of(final String value, final int chars) {
        if (value == null || value.length() <= chars) {
            return value;
        }
        int cut = chars;
        while (cut > 0 && (isWordChar(value.charAt(cut)) || Character.isLowSurrogate(value.charAt(cut)))) {
            cut--;
        }
        return value.substring(0, cut);
    }

    private static boolean isWordChar(final char c) {
        return c >= 'a' && c <= 'z' || c >= 'A' && c <= 'Z' || c >= '0' && c <= '9' || c == '_';
    }
}
