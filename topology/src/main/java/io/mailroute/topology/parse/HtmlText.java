package io.mailroute.topology.parse;

import java.util.Locale;
import java.util.Map;

/**
 * Reduces HTML to the text a reader sees: tags dropped, {@code script}, {@code style} and
 * {@code head} content dropped, block elements and {@code <br>} turned into line breaks, entities
 * decoded, runs of blanks collapsed. Good enough for matching and excerpts; not a renderer.
 */
public final class HtmlText {
    private static final Map<String, String> ENTITIES = Map.ofEntries(
            Map.entry("amp", "&"),
            Map.entry("lt", "<"),
            Map.entry("gt", ">"),
            Map.entry("quot", "\""),
            Map.entry("apos", "'"),
            Map.entry("nbsp", " "),
            Map.entry("copy", "©"),
            Map.entry("reg", "®"),
            Map.entry("yen", "¥"),
            Map.entry("euro", "€"),
            Map.entry("mdash", "—"),
            Map.entry("ndash", "–"),
            Map.entry("hellip", "…"),
            Map.entry("laquo", "«"),
            Map.entry("raquo", "»"),
            Map.entry("times", "×"));

    /** Longest entity name looked for (&#x10FFFF; is the longest form read). */
    private static final int MAX_ENTITY_NAME = 9;

    private HtmlText() {}

    public static String toText(final String html) {
        final StringBuilder out = new StringBuilder(html.length() / 2);
        int i = 0;
        while (i < html.length()) {
            final char c = html.charAt(i);
            if (c == '<') {
                final int close = html.indexOf('>', i + 1);
                if (close < 0) {
                    break;
                }
                final String tag = tagName(html, i + 1, close);
                if (tag.equals("!--")) {
                    final int end = html.indexOf("-->", i + 4);
                    i = end < 0 ? html.length() : end + 3;
                    continue;
                }
                if (tag.equals("script") || tag.equals("style") || tag.equals("head") || tag.equals("title")) {
                    final int end = indexOfIgnoreCase(html, "</" + tag, close);
                    i = end < 0 ? html.length() : Math.max(close + 1, html.indexOf('>', end) + 1);
                    continue;
                }
                if (isBreak(tag)) {
                    out.append('\n');
                }
                i = close + 1;
            } else if (c == '&') {
                final int semi = entityEnd(html, i + 1);
                final String decoded = semi > 0 ? entity(html.substring(i + 1, semi)) : null;
                if (decoded != null) {
                    out.append(decoded);
                    i = semi + 1;
                } else {
                    out.append(c);
                    i++;
                }
            } else {
                out.append(c);
                i++;
            }
        }
        return collapse(out);
    }

    /** The ';' closing an entity name that starts at {@code from}, looked for only as far as an entity name reaches; or -1. */
    private static int entityEnd(final String html, final int from) {
        final int limit = Math.min(html.length(), from + MAX_ENTITY_NAME + 1);
        for (int i = from; i < limit; i++) {
            if (html.charAt(i) == ';') {
                return i;
            }
        }
        return -1;
    }

    private static String tagName(final String html, final int start, final int end) {
        int i = start;
        if (i < end && html.charAt(i) == '/') {
            i++;
        }
        if (html.startsWith("!--", i)) {
            return "!--";
        }
        final int nameStart = i;
        while (i < end && Character.isLetterOrDigit(html.charAt(i))) {
            i++;
        }
        return html.substring(nameStart, i).toLowerCase(Locale.ROOT);
    }

    private static int indexOfIgnoreCase(final String text, final String wanted, final int from) {
        for (int i = from; i <= text.length() - wanted.length(); i++) {
            if (text.regionMatches(true, i, wanted, 0, wanted.length())) {
                return i;
            }
        }
        return -1;
    }

    private static boolean isBreak(final String tag) {
        return switch (tag) {
            case "br", "p", "div", "tr", "li", "h1", "h2", "h3", "h4", "h5", "h6", "table", "blockquote", "hr", "pre" ->
                true;
            default -> false;
        };
    }

    private static String entity(final String name) {
        if (name.startsWith("#")) {
            try {
                final int code = name.length() > 1 && (name.charAt(1) == 'x' || name.charAt(1) == 'X')
                        ? Integer.parseInt(name.substring(2), 16)
                        : Integer.parseInt(name.substring(1));
                return Character.isValidCodePoint(code) ? new String(Character.toChars(code)) : null;
            } catch (NumberFormatException e) {
                return null;
            }
        }
        return ENTITIES.get(name.toLowerCase(Locale.ROOT));
    }

    /** Collapses blanks within lines and blank lines between them. */
    private static String collapse(final CharSequence text) {
        final StringBuilder out = new StringBuilder(text.length());
        boolean space = false;
        int newlines = 0;
        for (int i = 0; i < text.length(); i++) {
            final char c = text.charAt(i);
            if (c == '\n') {
                newlines++;
                space = false;
            } else if (Character.isWhitespace(c) || c == '\u00a0') {
                space = true;
            } else {
                if (newlines > 0 && out.length() > 0) {
                    out.append(newlines > 1 ? "\n\n" : "\n");
                } else if (space && out.length() > 0) {
                    out.append(' ');
                }
                newlines = 0;
                space = false;
                out.append(c);
            }
        }
        return out.toString();
    }
}
