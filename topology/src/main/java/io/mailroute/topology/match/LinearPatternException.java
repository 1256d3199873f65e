package io.mailroute.topology.match;

import com.google.re2j.PatternSyntaxException;

/**
 * A regular expression the linear-time engine cannot run: invalid, or using a construct that needs
 * backtracking (lookaround, backreferences, atomic groups, possessive quantifiers).
 */
public final class LinearPatternException extends IllegalArgumentException {
    private static final long serialVersionUID = 1L;
    private static final String UNSUPPORTED = " is not supported by the linear-time engine";

    private final String regex;
    private final String description;
    private final int position;

    private LinearPatternException(final String regex, final String description, final int position) {
        super(description + (position < 0 ? "" : " at index " + position) + " in " + regex);
        this.regex = regex;
        this.description = description;
        this.position = position;
    }

    static LinearPatternException of(final String regex, final PatternSyntaxException e) {
        final String fragment = e.getPattern();
        final String why = e.getDescription();
        if (why.equals("invalid named capture")) {
            final int lookbehind = Math.max(unescapedIndexOf(regex, "(?<="), unescapedIndexOf(regex, "(?<!"));
            if (lookbehind >= 0) {
                return new LinearPatternException(
                        regex, "lookbehind " + regex.substring(lookbehind, lookbehind + 4) + UNSUPPORTED, lookbehind);
            }
        }
        final String part = fragment == null || fragment.equals(regex) ? "" : fragment;
        final int position = part.isEmpty() ? -1 : unescapedIndexOf(regex, part);
        return new LinearPatternException(regex, describe(why, part), position);
    }

    private static String describe(final String why, final String fragment) {
        final String construct = switch (fragment) {
            case "(?=" -> "lookahead (?=";
            case "(?!" -> "negative lookahead (?!";
            case "(?>" -> "atomic group (?>";
            default -> null;
        };
        if (construct != null) {
            return construct + UNSUPPORTED;
        }
        if (why.equals("invalid nested repetition operator") && fragment.endsWith("+")) {
            return "possessive quantifier " + fragment + UNSUPPORTED;
        }
        if (why.equals("invalid escape sequence")
                && fragment.length() == 2
                && (Character.isDigit(fragment.charAt(1)) || fragment.charAt(1) == 'k')) {
            return "backreference " + fragment + UNSUPPORTED;
        }
        return fragment.isEmpty() ? why : why + " " + fragment;
    }

    /** Where {@code fragment} first occurs in {@code regex} other than right after an escaping backslash, or -1. */
    private static int unescapedIndexOf(final String regex, final String fragment) {
        for (int at = regex.indexOf(fragment); at >= 0; at = regex.indexOf(fragment, at + 1)) {
            int backslashes = 0;
            while (at - backslashes > 0 && regex.charAt(at - backslashes - 1) == '\\') {
                backslashes++;
            }
            if (backslashes % 2 == 0) {
                return at;
            }
        }
        return -1;
    }

    /** The regular expression that failed to compile. */
    public String regex() {
        return regex;
    }

    /** What is wrong, e.g. {@code lookahead (?= is not supported by the linear-time engine}. */
    public String description() {
        return description;
    }

    /** Index in {@link #regex()} of the offending construct, or -1 when the engine does not say. */
    public int position() {
        return position;
    }
}
