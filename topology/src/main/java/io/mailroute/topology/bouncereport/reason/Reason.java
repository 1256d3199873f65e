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

    /**
     * True when Sisimai examines this reason again once a status code or an MTA's wording has named
     * it (its {@code retry} set): the diagnostic, when it says another reason, may say better.
     */
    public boolean reexamined() {
        return false;
    }

    /**
     * True when a status code naming this reason names it only vaguely, so that the diagnostic is
     * read before it is taken: every re-examined reason, and those Sisimai tells by the message.
     */
    public boolean vagueByStatus() {
        return reexamined();
    }

    /**
     * True when Sisimai's probe of this vague reason takes a status code naming it as proof, so that
     * the code decides before the messages of reasons probed after it.
     */
    public boolean provedByStatus() {
        return false;
    }

    @Override
    public final String toString() {
        return name;
    }
}
