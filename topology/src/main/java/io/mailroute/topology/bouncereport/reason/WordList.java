package io.mailroute.topology.bouncereport.reason;

import java.util.ArrayList;
import java.util.List;

/**
 * The words of one reason: phrases any of which says it, phrase sequences that say it when all
 * occur in their order, and phrases that deny it. Matching is plain substring search on
 * lower-case text, linear in the text's length for each phrase.
 */
final class WordList {
    private final List<List<String>> sayings;
    private final List<String> denials;

    private WordList(final List<List<String>> sayings, final List<String> denials) {
        this.sayings = List.copyOf(sayings);
        this.denials = List.copyOf(denials);
    }

    static Builder builder() {
        return new Builder();
    }

    /** True when the text holds one of the sayings and none of the denials. */
    boolean foundIn(final String text) {
        if (text.isEmpty()) {
            return false;
        }
        for (final String denial : denials) {
            if (text.contains(denial)) {
                return false;
            }
        }
        for (final List<String> saying : sayings) {
            if (inOrder(text, saying)) {
                return true;
            }
        }
        return false;
    }

    private static boolean inOrder(final String text, final List<String> phrases) {
        int from = 0;
        for (final String phrase : phrases) {
            final int at = text.indexOf(phrase, from);
            if (at < 0) {
                return false;
            }
            from = at + phrase.length();
        }
        return true;
    }

    /** Collects the phrases of one reason. */
    static final class Builder {
        private final List<List<String>> sayings = new ArrayList<>();
        private final List<String> denials = new ArrayList<>();

        private Builder() {}

        /** Phrases each of which alone says the reason. */
        Builder phrases(final String... phrases) {
            for (final String phrase : phrases) {
                sayings.add(List.of(phrase));
            }
            return this;
        }

        /** Phrases that say the reason when all occur, one after the other. */
        Builder inOrder(final String... phrases) {
            sayings.add(List.of(phrases));
            return this;
        }

        /** A phrase that, wherever it occurs, denies the reason. */
        Builder unless(final String phrase) {
            denials.add(phrase);
            return this;
        }

        WordList build() {
            return new WordList(sayings, denials);
        }
    }
}
