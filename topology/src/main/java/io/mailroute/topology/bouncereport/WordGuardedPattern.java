package io.mailroute.topology.bouncereport;

import io.mailroute.topology.match.LinearPattern;
import java.util.List;
import java.util.Locale;

/**
 * A case-insensitive pattern behind a cheaper test: every match of {@code pattern} contains one of
 * {@code words} (lower case), so text without any of them is rejected by a few literal searches
 * instead of trying each alternative of the pattern at each position.
 */
record WordGuardedPattern(LinearPattern pattern, List<String> words) {
    WordGuardedPattern(final LinearPattern pattern, final String... words) {
        this(pattern, List.of(words));
    }

    boolean find(final String text) {
        final String lower = text.toLowerCase(Locale.ROOT);
        for (final String word : words) {
            if (lower.contains(word)) {
                return pattern.find(text);
            }
        }
        return false;
    }
}
