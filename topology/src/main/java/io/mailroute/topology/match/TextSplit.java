package io.mailroute.topology.match;

import java.util.ArrayList;
import java.util.List;

/**
 * {@link String#split(String)} for a one-character separator, without a regular expression: the
 * parts between separators in order, trailing empty parts dropped, the text itself when it has no
 * separator.
 */
public final class TextSplit {
    private TextSplit() {}

    /** The parts of {@code text} between occurrences of {@code separator}. */
    public static String[] at(final String text, final char separator) {
        if (text.indexOf(separator) < 0) {
            return new String[] {text};
        }
        final List<String> parts = new ArrayList<>();
        int from = 0;
        for (int at = text.indexOf(separator); at >= 0; at = text.indexOf(separator, from)) {
            parts.add(text.substring(from, at));
            from = at + 1;
        }
        parts.add(text.substring(from));
        int size = parts.size();
        while (size > 0 && parts.get(size - 1).isEmpty()) {
            size--;
        }
        return parts.subList(0, size).toArray(String[]::new);
    }
}
