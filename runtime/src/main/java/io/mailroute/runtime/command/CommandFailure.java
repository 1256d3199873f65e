package io.mailroute.runtime.command;

/** A command failed for a reason the user can act on; the message is printed as one line. */
public class CommandFailure extends RuntimeException {
    private static final long serialVersionUID = 1L;

    private final int exitCode;

    public CommandFailure(final int exitCode, final String message) {
        super(message);
        this.exitCode = exitCode;
    }

    public CommandFailure(final int exitCode, final String message, final Throwable cause) {
        super(message, cause);
        this.exitCode = exitCode;
    }

    public int exitCode() {
        return exitCode;
    }
}
