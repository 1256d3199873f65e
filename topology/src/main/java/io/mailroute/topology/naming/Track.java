package io.mailroute.topology.naming;

/**
 * The two tracks a mail attempt runs the stages on: the main one ({@code mail.raw} and
 * {@code mail.retry}) and the overflow lane's ({@code mail.overflow}, a sub-topology of its own).
 * The overflow track's copies of the stages are named with its prefix, so that both copies live in
 * one topology.
 */
public enum Track {
    MAIN(""),
    OVERFLOW("overflow-lane-");

    private final String prefix;

    Track(final String prefix) {
        this.prefix = prefix;
    }

    /** What the names of this track's copies of the stages start with. */
    public String prefix() {
        return prefix;
    }
}
