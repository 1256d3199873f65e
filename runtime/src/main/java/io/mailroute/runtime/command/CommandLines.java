package io.mailroute.runtime.command;

import picocli.CommandLine;

/**
 * The command line every {@code mailroute} command runs in: one-line errors instead of stack
 * traces, enum values in any case.
 */
public final class CommandLines {
    private CommandLines() {}

    /** A configured command line for {@code command}. */
    public static CommandLine of(final Object command) {
        return new CommandLine(command)
                .setExecutionExceptionHandler(new OneLineErrors())
                .setCaseInsensitiveEnumValuesAllowed(true);
    }
}
