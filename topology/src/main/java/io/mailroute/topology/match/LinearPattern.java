package io.mailroute.topology.match;

import com.google.re2j.Pattern;
import com.google.re2j.PatternSyntaxException;
import java.util.Set;

/**
 * A regular expression that reads mail text, compiled for a linear-time engine (RE2/J): matching
 * takes time proportional to the text times the pattern, whatever the text, and never recurses
 * on it. Every pattern that touches mail text goes through this class, and every match through
 * {@link LinearMatcher#find()} or {@link LinearMatcher#matches()}.
 *
 * <p>The syntax is Java's without what needs backtracking: no lookahead, lookbehind,
 * backreferences, atomic groups or possessive quantifiers ({@link LinearPatternException} says
 * which construct a pattern uses). Named groups are {@code (?<name>...)}. Unlike
 * {@code java.util.regex}: {@code \s} is {@code [\t\n\f\r ]}; {@code \b} and {@code \w} are ASCII;
 * {@code (?i)} folds Unicode case (so {@code (?i)k} also matches the Kelvin sign); {@code $}
 * without {@code (?m)} matches only at the very end; {@code ^} and {@code $} with {@code (?m)} see
 * only {@code \n} as a line end; {@code .} matches anything but {@code \n}.
 *
 * <p>Immutable and thread-safe.
 */
public final class LinearPattern {
    private final Pattern pattern;

    private LinearPattern(final Pattern pattern) {
        this.pattern = pattern;
    }

    /**
     * Compiles {@code regex}.
     *
     * @throws LinearPatternException when the engine cannot run it, saying why and where
     */
    public static LinearPattern compile(final String regex) {
        try {
            return new LinearPattern(Pattern.compile(regex));
        } catch (PatternSyntaxException e) {
            throw LinearPatternException.of(regex, e);
        }
    }

    /** A regular expression that matches {@code literal} and nothing else. */
    public static String quote(final String literal) {
        return Pattern.quote(literal);
    }

    /** A matcher over {@code text}; nothing is matched until it is asked to. */
    public LinearMatcher matcher(final CharSequence text) {
        return new LinearMatcher(pattern.matcher(text));
    }

    /** True when the pattern occurs somewhere in {@code text}. */
    public boolean find(final CharSequence text) {
        return matcher(text).find();
    }

    /** True when the pattern matches all of {@code text}. */
    public boolean matchesAll(final CharSequence text) {
        return matcher(text).matches();
    }

    /** {@code text} with every match replaced by {@code replacement}, taken literally (no {@code $1}). */
    public String replaceAll(final CharSequence text, final String replacement) {
        final LinearMatcher m = matcher(text);
        if (!m.find()) {
            return text.toString();
        }
        final StringBuilder out = new StringBuilder(text.length());
        int copied = 0;
        do {
            out.append(text, copied, m.start()).append(replacement);
            copied = m.end();
        } while (m.find());
        return out.append(text, copied, text.length()).toString();
    }

    /**
     * True when the pattern may look at where the text ends: it has a {@code $} that no backslash
     * escapes, or a {@code \z}. (A {@code $} in a character class or in {@code \Q...\E} counts too.)
     * Only such a pattern can match a prefix of a text where it does not match the text, when the
     * prefix ends right before a character that is no ASCII word character.
     */
    public boolean seesTextEnd() {
        final String regex = pattern.pattern();
        for (int i = 0; i < regex.length(); i++) {
            if (regex.charAt(i) == '$') {
                return true;
            }
            if (regex.charAt(i) == '\\' && i + 1 < regex.length()) {
                i++;
                if (regex.charAt(i) == 'z') {
                    return true;
                }
            }
        }
        return false;
    }

    /** The number of capturing groups, named or not. */
    public int groupCount() {
        return pattern.groupCount();
    }

    /** The names of the named groups. */
    public Set<String> groupNames() {
        return pattern.namedGroups().keySet();
    }

    /** The regular expression as compiled. */
    public String pattern() {
        return pattern.pattern();
    }

    @Override
    public String toString() {
        return pattern.pattern();
    }
}
