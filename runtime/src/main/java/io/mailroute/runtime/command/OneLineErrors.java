package io.mailroute.runtime.command;

import picocli.CommandLine;
import picocli.CommandLine.IExecutionExceptionHandler;
import picocli.CommandLine.ParseResult;

/**
 * Turns an exception escaping a command into one clear line on stderr and exit code 1
 * ({@link ExitCodes#FAILURE}), or the code a {@link CommandFailure} carries. Set
 * {@code MAILROUTE_DEBUG=1} for the stack trace.
 */
final class OneLineErrors implements IExecutionExceptionHandler {

    @Override
    public int handleExecutionException(
            final Exception e, final CommandLine commandLine, final ParseResult parseResult) {
        commandLine.getErr().println("mailroute: " + message(e));
        if (System.getenv("MAILROUTE_DEBUG") != null) {
            e.printStackTrace(commandLine.getErr());
        }
        return e instanceof CommandFailure failure ? failure.exitCode() : ExitCodes.FAILURE;
    }

    private static String message(final Throwable e) {
        Throwable cause = e;
        while (cause.getMessage() == null && cause.getCause() != null) {
            cause = cause.getCause();
        }
        return cause.getMessage() == null ? cause.getClass().getSimpleName() : cause.getMessage();
    }
}
