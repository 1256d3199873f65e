package io.mailroute.runtime.command;

import org.apache.kafka.common.utils.Exit;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Spec;

/**
 * The {@code mailroute} command of the runtime jar (what the Docker image runs): {@code run} and
 * {@code topics} only. The {@code mailroute} command of the CLI has these and every tool besides.
 */
@Command(
        name = "mailroute",
        mixinStandardHelpOptions = true,
        versionProvider = VersionProvider.class,
        description = "Kafka-native inbound mail, the runtime: runs the mail topology and creates its topics.",
        subcommands = {RunCommand.class, TopicsCommand.class, CommandLine.HelpCommand.class})
public final class MailrouteRuntime implements Runnable {

    @Spec
    private CommandSpec spec;

    public static void main(final String[] args) {
        Exit.exit(run(args));
    }

    /** Runs the command line and returns its exit code (for tests and {@link #main}). */
    public static int run(final String... args) {
        return commandLine().execute(args);
    }

    /** The configured command line. */
    public static CommandLine commandLine() {
        return CommandLines.of(new MailrouteRuntime());
    }

    @Override
    public void run() {
        spec.commandLine().usage(spec.commandLine().getOut());
    }
}
