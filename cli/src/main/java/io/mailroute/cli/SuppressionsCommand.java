package io.mailroute.cli;

import io.mailroute.avro.Suppression;
import io.mailroute.cli.suppressions.SesSuppressionCsv;
import io.mailroute.cli.suppressions.SuppressionFilter;
import io.mailroute.runtime.client.ClientSettings;
import io.mailroute.runtime.client.TopicPublisher;
import io.mailroute.runtime.client.TopicReader;
import io.mailroute.runtime.command.ClusterOptions;
import io.mailroute.runtime.command.CommandFailure;
import io.mailroute.runtime.command.ExitCodes;
import io.mailroute.runtime.command.KafkaErrors;
import io.mailroute.schemas.registry.SchemaRegistryClient;
import io.mailroute.schemas.topics.Topic;
import io.mailroute.topology.owner.AddressNormalizer;
import java.io.IOException;
import java.io.PrintWriter;
import java.io.Writer;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.concurrent.Callable;
import java.util.concurrent.ExecutionException;
import me.tongfei.progressbar.ProgressBar;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.Spec;

/** {@code mailroute suppressions list|remove|export}: the addresses mail.suppressions holds, and why. */
@Command(
        name = "suppressions",
        description = "List, remove and export the suppressed addresses of mail.suppressions.",
        subcommands = {
            SuppressionsCommand.ListSuppressions.class,
            SuppressionsCommand.Remove.class,
            SuppressionsCommand.Export.class
        })
public final class SuppressionsCommand {
    private static final Duration READ_TIMEOUT = Duration.ofSeconds(60);

    /** The current suppressions by normalized address, ordered by it (so that an export is stable). */
    static Map<String, Suppression> current(final ClientSettings settings, final Topic<String, Suppression> topic) {
        return new TreeMap<>(
                TopicReader.latestValues(new TopicReader(settings).readAll(topic, key -> key != null, READ_TIMEOUT)));
    }

    @Command(
            name = "list",
            mixinStandardHelpOptions = true,
            description =
                    "One line per suppressed address: reason, hard or soft, basis, bounces, last bounce and its mail.")
    static final class ListSuppressions implements Callable<Integer> {
        private static final String ROW = "%-40s %-16s %-4s %-12s %5s %-24s %s%n";

        @Mixin
        ClusterOptions cluster;

        @Mixin
        SuppressionFilter filter;

        @Spec
        CommandSpec spec;

        @Override
        public Integer call() {
            final ClientSettings settings = cluster.settings();
            final PrintWriter out = spec.commandLine().getOut();
            try (SchemaRegistryClient registry = settings.registry()) {
                final List<Suppression> listed =
                        current(settings, settings.topics(registry).suppressions()).values().stream()
                                .filter(filter.predicate())
                                .toList();
                out.printf(ROW, "ADDRESS", "REASON", "KIND", "BASIS", "COUNT", "LAST SEEN", "LAST MAIL ID");
                listed.forEach(s -> out.printf(
                        ROW,
                        TerminalText.escape(s.getAddress()),
                        TerminalText.escape(s.getReason()),
                        s.getHardBounce() ? "hard" : "soft",
                        s.getBasis(),
                        s.getCount(),
                        s.getLastSeen(),
                        TerminalText.escape(s.getLastMailId())));
                out.printf("%d addresses suppressed%n", listed.size());
            }
            return ExitCodes.OK;
        }
    }

    @Command(
            name = "remove",
            mixinStandardHelpOptions = true,
            description = {
                "Lifts the suppression of each address (a mail.suppressions tombstone). The topology forgets the",
                "address's bounce counts too, so its next bounce counts from nothing."
            })
    static final class Remove implements Callable<Integer> {
        @Mixin
        ClusterOptions cluster;

        @Parameters(
                paramLabel = "ADDRESS",
                arity = "1..*",
                description = "Addresses to remove, as reported or normalized.")
        List<String> addresses;

        @Spec
        CommandSpec spec;

        @Override
        public Integer call() throws InterruptedException {
            final Set<String> keys = new LinkedHashSet<>();
            addresses.forEach(address -> keys.add(AddressNormalizer.normalize(address)));
            final ClientSettings settings = cluster.settings();
            final PrintWriter out = spec.commandLine().getOut();
            try (SchemaRegistryClient registry = settings.registry();
                    TopicPublisher publisher = new TopicPublisher(settings)) {
                final Topic<String, Suppression> topic =
                        settings.topics(registry).suppressions();
                final Map<String, Suppression> suppressed = current(settings, topic);
                keys.forEach(key -> publisher.send(topic, key, null));
                publisher.awaitAcks();
                for (final String key : keys) {
                    out.println(
                            suppressed.containsKey(key)
                                    ? "removed " + TerminalText.escape(key)
                                    : TerminalText.escape(key)
                                            + " was not suppressed; its pending bounce counts are reset");
                }
            } catch (ExecutionException e) {
                throw KafkaErrors.toFailure(settings.bootstrapServers(), e);
            }
            return ExitCodes.OK;
        }
    }

    @Command(
            name = "export",
            mixinStandardHelpOptions = true,
            description = {
                "Writes the suppressions as the CSV the SES account-level suppression list import takes",
                "(address,BOUNCE per line, no header): aws sesv2 create-import-job with SuppressionListDestination."
            })
    static final class Export implements Callable<Integer> {
        private static final String SES_CSV = "ses-csv";

        @Mixin
        ClusterOptions cluster;

        @Mixin
        SuppressionFilter filter;

        @Option(
                names = "--format",
                required = true,
                paramLabel = "FORMAT",
                description = "Export format: " + SES_CSV + " (the only one).")
        String format;

        @Option(names = "--out", paramLabel = "FILE", description = "Write to FILE (default: standard output).")
        Path output;

        @Spec
        CommandSpec spec;

        @Override
        public Integer call() {
            if (!SES_CSV.equals(format)) {
                throw new CommandFailure(
                        ExitCodes.USAGE, "unknown --format " + TerminalText.escape(format) + "; use " + SES_CSV);
            }
            final ClientSettings settings = cluster.settings();
            final List<Suppression> selected;
            try (SchemaRegistryClient registry = settings.registry()) {
                selected = current(settings, settings.topics(registry).suppressions()).values().stream()
                        .filter(filter.predicate())
                        .toList();
            }
            // no mailbox has a control character in its address: such a report is hostile, not a suppression
            final PrintWriter err = spec.commandLine().getErr();
            final List<Suppression> refused = selected.stream()
                    .filter(s -> TerminalText.hasControl(s.getAddress()))
                    .toList();
            refused.forEach(s -> err.println("mailroute: not exported, control characters in the address: "
                    + TerminalText.escape(s.getAddress())));
            final List<Suppression> exported = selected.stream()
                    .filter(s -> !TerminalText.hasControl(s.getAddress()))
                    .toList();
            if (output == null) {
                final PrintWriter out = spec.commandLine().getOut();
                exported.forEach(s -> out.print(SesSuppressionCsv.record(s)));
                out.flush();
            } else {
                write(exported);
                err.printf("%d addresses written to %s%n", exported.size(), output);
            }
            return refused.isEmpty() ? ExitCodes.OK : ExitCodes.PARTIAL;
        }

        private void write(final List<Suppression> exported) {
            try (Writer writer = Files.newBufferedWriter(output, StandardCharsets.UTF_8);
                    ProgressBar bar = Progress.bar("export", exported.size(), " addresses")) {
                for (final Suppression suppression : exported) {
                    writer.write(SesSuppressionCsv.record(suppression));
                    bar.step();
                }
            } catch (IOException e) {
                throw new CommandFailure(ExitCodes.FAILURE, "cannot write " + output + ": " + e.getMessage(), e);
            }
        }
    }
}
