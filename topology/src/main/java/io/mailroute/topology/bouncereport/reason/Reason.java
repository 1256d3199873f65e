package io.mailroute.topology.bouncereport.reason;

/**
 * A bounce reason as Sisimai names it, with the words by which a diagnostic message says it
 * (after Sisimai's {@code Sisimai::Reason::*} classes and their {@code match} word lists).
 */
public abstract class Reason {
    private final String name;
    private final WordList words;

    Reason(final String name, final WordList words) {
        this.name = name;
        this.words = words;
    }

    /** Sisimai's name of the reason, as the {@code Bounce} record carries it. */
    public final String name() {
        return name;
    }

    /** True when the lower-case, whitespace-collapsed diagnostic text says this reason. */
    public final boolean saidBy(final String text) {
        return words.foundIn(text);
    }

    @Override
    public final String toString() {
        return name;
    }
}
