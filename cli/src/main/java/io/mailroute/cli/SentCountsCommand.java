package io.mailroute.cli;

import io.mailroute.avro.SentCount;
import io.mailroute.cli.sentcounts.SentCountsFile;
import io.mailroute.cli.sentcounts.SentCountsFileReader;
import io.mailroute.runtime.client.ClientSettings;
import io.mailroute.runtime.client.TopicPublisher;
import io.mailroute.runtime.command.ClusterOptions;
import io.mailroute.runtime.command.CommandFailure;
import io.mailroute.runtime.command.ExitCodes;
import io.mailroute.runtime.command.KafkaErrors;
import io.mailroute.schemas.registry.SchemaRegistryClient;
import io.mailroute.schemas.topics.Topic;
import io.mailroute.topology.bounce.RateScope;
import java.io.IOException;
import java.io.PrintWriter;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.util.concurrent.Callable;
import java.util.concurrent.ExecutionException;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.Spec;

/** {@code mailroute sent-counts import}: publish mail sent per owner and domain, the denominator of bounce rates. */
@Command(
        name = "sent-counts",
        description = "Mail sent per owner and sending domain, on mail.sent-counts: the denominator of bounce rates.",
        subcommands = {SentCountsCommand.Import.class})
public final class SentCountsCommand {

    @Command(
            name = "import",
            mixinStandardHelpOptions = true,
            description = {
                "Publishes sent counts from CSV scope,id,count,windowStart,windowEnd[,source]: scope owner or domain,",
                "times ISO 8601 (2026-11-20T09:00:00Z). A count for the same scope and interval replaces the earlier one.",
                "Rejected rows are reported as file:line: reason; the rest is still imported and the exit code is 3."
            })
    static final class Import implements Callable<Integer> {
        @Mixin
        ClusterOptions cluster;

        @Parameters(paramLabel = "FILE", description = "Sent-counts file (CSV).")
        Path file;

        @Spec
        CommandSpec spec;

        @Override
        public Integer call() throws InterruptedException {
            final SentCountsFile counts = read(file);
            final PrintWriter err = spec.commandLine().getErr();
            counts.problems().forEach(problem -> err.println("mailroute: " + TerminalText.escape(problem)));
            final ClientSettings settings = cluster.settings();
            try (SchemaRegistryClient registry = settings.registry();
                    TopicPublisher publisher = new TopicPublisher(settings)) {
                final Topic<String, SentCount> topic = settings.topics(registry).sentCounts();
                counts.counts().forEach(count -> publisher.send(topic, RateScope.of(count), count));
                publisher.awaitAcks();
                spec.commandLine()
                        .getOut()
                        .printf(
                                "%s: %d sent counts, %d rows rejected; on %s%n",
                                TerminalText.escape(file.getFileName().toString()),
                                counts.counts().size(),
                                counts.problems().size(),
                                topic.name());
            } catch (ExecutionException e) {
                throw KafkaErrors.toFailure(settings.bootstrapServers(), e);
            }
            return counts.problems().isEmpty() ? ExitCodes.OK : ExitCodes.PARTIAL;
        }

        private static SentCountsFile read(final Path file) {
            try {
                return SentCountsFileReader.read(file);
            } catch (NoSuchFileException e) {
                throw new CommandFailure(ExitCodes.FAILURE, "no such sent-counts file: " + file);
            } catch (IOException e) {
                throw new CommandFailure(ExitCodes.FAILURE, e.getMessage(), e);
            }
        }
    }
}
