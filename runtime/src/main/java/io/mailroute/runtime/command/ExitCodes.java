package io.mailroute.runtime.command;

/** Exit codes of the {@code mailroute} command. */
public final class ExitCodes {
    /** Everything worked. */
    public static final int OK = 0;
    /** The command failed (one line on stderr says why). */
    public static final int FAILURE = 1;
    /** The command line was wrong (picocli's usage error code). */
    public static final int USAGE = 2;
    /** Some input rows or records were rejected; the rest were processed. */
    public static final int PARTIAL = 3;
    /** A cluster, registry or S3 endpoint could not be reached. */
    public static final int UNREACHABLE = 4;

    private ExitCodes() {}
}
