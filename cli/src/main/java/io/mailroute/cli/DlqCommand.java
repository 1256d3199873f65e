package io.mailroute.cli;

import io.mailroute.avro.DeadLetter;
import io.mailroute.avro.Stage;
import io.mailroute.runtime.client.ClientSettings;
import io.mailroute.runtime.client.Resubmitter;
import io.mailroute.runtime.client.TopicReader;
import io.mailroute.runtime.command.ClusterOptions;
import io.mailroute.runtime.command.CommandFailure;
import io.mailroute.runtime.command.ExitCodes;
import io.mailroute.runtime.status.Views;
import io.mailroute.schemas.registry.SchemaRegistryClient;
import io.mailroute.schemas.topics.MailTopics;
import java.io.PrintWriter;
import java.time.Duration;
import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.Callable;
import picocli.CommandLine.ArgGroup;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.Spec;
import software.amazon.awssdk.services.s3.S3Client;

/** {@code mailroute dlq list|show|retry}: look at dead letters and send mail back through the pipeline. */
@Command(
        name = "dlq",
        description = "Inspect mail.dlq and re-publish dead-lettered mail to mail.raw.",
        subcommands = {DlqCommand.ListDeadLetters.class, DlqCommand.Show.class, DlqCommand.Retry.class})
public final class DlqCommand {
    private static final Duration READ_TIMEOUT = Duration.ofSeconds(60);

    /** The latest dead letter per mail, in the order they were written. */
    static Map<String, TopicReader.Entry<DeadLetter>> latestPerMail(
            final ClientSettings settings, final MailTopics topics, final Set<String> only) {
        final Map<String, TopicReader.Entry<DeadLetter>> latest = new LinkedHashMap<>();
        new TopicReader(settings)
                .readAll(topics.dlq(), key -> only.isEmpty() || only.contains(key), READ_TIMEOUT)
                .forEach(e -> {
                    latest.remove(e.key());
                    latest.put(e.key(), e);
                });
        return latest;
    }

    @Command(
            name = "list",
            mixinStandardHelpOptions = true,
            description = "One line per dead-lettered mail (latest record per mail).")
    static final class ListDeadLetters implements Callable<Integer> {
        @Mixin
        ClusterOptions cluster;

        @Option(names = "--stage", description = "Only this stage: ${COMPLETION-CANDIDATES}.")
        Stage stage;

        @Mixin
        OutputOption output;

        @Spec
        CommandSpec spec;

        @Override
        public Integer call() {
            final ClientSettings settings = cluster.settings();
            try (SchemaRegistryClient registry = settings.registry()) {
                final PrintWriter out = spec.commandLine().getOut();
                final List<TopicReader.Entry<DeadLetter>> letters =
                        latestPerMail(settings, settings.topics(registry), Set.of()).values().stream()
                                .filter(e -> e.value() != null
                                        && (stage == null || e.value().getStage() == stage))
                                .toList();
                if (output.json()) {
                    OutputOption.printJson(
                            out,
                            letters.stream()
                                    .map(e -> Views.DeadLetterView.of(e.value(), e.partition(), e.offset()))
                                    .toList());
                    return ExitCodes.OK;
                }
                out.printf("%-24s %-12s %-40s %s%n", "FAILED AT", "STAGE", "MAIL ID", "ERROR");
                letters.forEach(e -> out.printf(
                        "%-24s %-12s %-40s %s: %s%n",
                        e.value().getFailedAt(),
                        e.value().getStage(),
                        TerminalText.escape(e.key()),
                        TerminalText.escape(e.value().getErrorClass()),
                        TerminalText.oneLine(e.value().getMessage(), 120)));
            }
            return ExitCodes.OK;
        }
    }

    @Command(name = "show", mixinStandardHelpOptions = true, description = "Every dead letter of one mail, as JSON.")
    static final class Show implements Callable<Integer> {
        @Mixin
        ClusterOptions cluster;

        @Parameters(paramLabel = "MAILID")
        String mailId;

        @Spec
        CommandSpec spec;

        @Override
        public Integer call() {
            final ClientSettings settings = cluster.settings();
            try (SchemaRegistryClient registry = settings.registry()) {
                final List<TopicReader.Entry<DeadLetter>> entries = new TopicReader(settings)
                        .readAll(settings.topics(registry).dlq(), mailId::equals, READ_TIMEOUT);
                if (entries.isEmpty()) {
                    throw new CommandFailure(ExitCodes.FAILURE, "no dead letter for " + mailId);
                }
                entries.forEach(e -> spec.commandLine()
                        .getOut()
                        .println(TerminalText.escape(
                                e.value() == null
                                        ? "undecodable record at " + e.partition() + "/" + e.offset() + ": " + e.error()
                                        : e.value().toString())));
            }
            return ExitCodes.OK;
        }
    }

    @Command(
            name = "retry",
            mixinStandardHelpOptions = true,
            description = "Re-publish dead-lettered mail to mail.raw with attempt+1 and resubmittedFrom=mail.dlq.")
    static final class Retry implements Callable<Integer> {
        @Mixin
        ClusterOptions cluster;

        @ArgGroup(exclusive = true, multiplicity = "1")
        MailSelection selection;

        @Option(names = "--stage", description = "With --all: only this stage.")
        Stage stage;

        @Option(
                names = "--inline-max-bytes",
                defaultValue = "900000",
                description = "Mail rebuilt from S3 up to this size travels inline (default: ${DEFAULT-VALUE}).")
        int inlineMaxBytes;

        @Spec
        CommandSpec spec;

        @Override
        public Integer call() throws Exception {
            final ClientSettings settings = cluster.settings();
            final PrintWriter out = spec.commandLine().getOut();
            int retried = 0;
            try (SchemaRegistryClient registry = settings.registry();
                    S3Client s3 = settings.s3()) {
                final MailTopics topics = settings.topics(registry);
                final Map<String, TopicReader.Entry<DeadLetter>> letters =
                        latestPerMail(settings, topics, selection.all ? Set.of() : Set.copyOf(selection.mailIds));
                if (!selection.all) {
                    selection.mailIds.stream()
                            .filter(id -> !letters.containsKey(id))
                            .findFirst()
                            .ifPresent(id -> {
                                throw new CommandFailure(ExitCodes.FAILURE, "no dead letter for " + id);
                            });
                }
                try (Resubmitter resubmitter = new Resubmitter(settings, topics, s3, inlineMaxBytes)) {
                    for (final TopicReader.Entry<DeadLetter> entry : letters.values()) {
                        final DeadLetter letter = entry.value();
                        if (letter == null || stage != null && letter.getStage() != stage) {
                            continue;
                        }
                        final Resubmitter.Result result = resubmitter.resubmit(
                                letter.getMailId(),
                                letter.getRaw(),
                                topics.dlq().name(),
                                letter.getAttempt());
                        out.printf(
                                "retried %s (attempt %d, from %s)%n",
                                TerminalText.escape(result.mailId()),
                                result.attempt(),
                                result.origin() == Resubmitter.Origin.RAW_RECORD ? "the mail.raw record" : "S3");
                        retried++;
                    }
                }
            }
            out.printf("%d mails re-published at %s%n", retried, Instant.now());
            return ExitCodes.OK;
        }
    }
}
