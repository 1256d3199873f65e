package io.mailroute.topology.bounce;

import java.util.List;
import java.util.Locale;
import java.util.regex.Pattern;

/**
 * A case-insensitive pattern behind a cheaper test: every match of {@code pattern} contains one of
 * {@code words} (lower case), so text without any of them is rejected by a few literal searches
 * instead of trying each alternative of the pattern at each position.
 */
record WordGuardedPattern(Pattern pattern, List<String> words) {
    WordGuardedPattern(final Pattern pattern, final String... words) {
        this(pattern, List.of(words));
    }

    boolean find(final String text) {
        final String lower = text.toLowerCase(Locale.ROOT);
        for (final String word : words) {
            if (lower.contains(word)) {
                return pattern.matcher(text).find();
            }
        }
        return false;
    }
}
