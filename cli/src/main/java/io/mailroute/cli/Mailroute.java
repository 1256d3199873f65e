package io.mailroute.cli;

import io.mailroute.runtime.command.CommandLines;
import io.mailroute.runtime.command.RunCommand;
import io.mailroute.runtime.command.TopicsCommand;
import io.mailroute.runtime.command.VersionProvider;
import org.apache.kafka.common.utils.Exit;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Spec;

/** The {@code mailroute} command. Subcommands do the work; this class only wires them. */
@Command(
        name = "mailroute",
        mixinStandardHelpOptions = true,
        versionProvider = VersionProvider.class,
        description = "Kafka-native inbound mail: S3 -> Kafka -> parse, owner, rules -> lanes.",
        subcommands = {
            TopicsCommand.class,
            IngestCommand.class,
            DlqCommand.class,
            ClassifyCommand.class,
            RulesCommand.class,
            SchemasCommand.class,
            TopologyCommand.class,
            LocalCommand.class,
            RunCommand.class,
            AccountsCommand.class,
            ContactsCommand.class,
            SuppressionsCommand.class,
            SentCountsCommand.class,
            StatusCommand.class,
            RetryCommand.class,
            ReplayCommand.class,
            BenchCommand.class,
            CompletionCommand.class,
            CommandLine.HelpCommand.class
        })
public final class Mailroute implements Runnable {

    @Spec
    private CommandSpec spec;

    public static void main(final String[] args) {
        Exit.exit(run(args));
    }

    /** Runs the command line and returns its exit code (for tests and {@link #main}). */
    public static int run(final String... args) {
        return commandLine().execute(args);
    }

    /** The configured command line, with one-line errors instead of stack traces. */
    public static CommandLine commandLine() {
        return CommandLines.of(new Mailroute());
    }

    @Override
    public void run() {
        spec.commandLine().usage(spec.commandLine().getOut());
    }
}
