package io.mailroute.cli;

import io.mailroute.avro.MailStatus;
import io.mailroute.avro.RetryMail;
import io.mailroute.avro.RetryReason;
import io.mailroute.runtime.client.ClientSettings;
import io.mailroute.runtime.client.Resubmitter;
import io.mailroute.runtime.client.TopicReader;
import io.mailroute.runtime.client.WaitingMails;
import io.mailroute.runtime.command.ClusterOptions;
import io.mailroute.runtime.command.CommandFailure;
import io.mailroute.runtime.command.ExitCodes;
import io.mailroute.runtime.status.Views;
import io.mailroute.schemas.registry.SchemaRegistryClient;
import io.mailroute.schemas.topics.MailTopics;
import java.io.PrintWriter;
import java.time.Duration;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.Callable;
import picocli.CommandLine.ArgGroup;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;
import software.amazon.awssdk.services.s3.S3Client;

/** {@code mailroute retry list|release}: mails waiting in mail.retry, and releasing them now. */
@Command(
        name = "retry",
        description = "List mails waiting in mail.retry and release them into the pipeline now.",
        subcommands = {RetryCommand.ListWaiting.class, RetryCommand.Release.class})
public final class RetryCommand {
    private static final Duration READ_TIMEOUT = Duration.ofSeconds(60);

    /**
     * The mails still waiting, by mail.retry key: the latest retry record per key (a tombstone ends the
     * wait) whose mail's current status in mail.status is RETRY_PENDING for that record's attempt.
     */
    static Map<String, RetryMail> waiting(
            final ClientSettings settings, final MailTopics topics, final RetryReason reason) {
        final TopicReader reader = new TopicReader(settings);
        final Map<String, RetryMail> latest =
                TopicReader.latestValues(reader.readAll(topics.retry(), key -> key != null, READ_TIMEOUT));
        if (latest.isEmpty()) {
            return latest;
        }
        final Set<String> mailIds =
                Set.copyOf(latest.values().stream().map(RetryMail::getMailId).toList());
        final Map<String, MailStatus> status = TopicReader.latestValues(
                reader.readAll(topics.status(), key -> key != null && mailIds.contains(key), READ_TIMEOUT));
        latest.values()
                .removeIf(retry -> reason != null && retry.getReason() != reason
                        || !WaitingMails.isWaiting(retry, status.get(retry.getMailId())));
        return latest;
    }

    @Command(
            name = "list",
            mixinStandardHelpOptions = true,
            description = "One line per waiting mail: next attempt, reason, attempts, what it waits for.")
    static final class ListWaiting implements Callable<Integer> {
        @Mixin
        ClusterOptions cluster;

        @Option(names = "--reason", description = "Only this reason: ${COMPLETION-CANDIDATES}.")
        RetryReason reason;

        @Mixin
        OutputOption output;

        @Spec
        CommandSpec spec;

        @Override
        public Integer call() {
            final ClientSettings settings = cluster.settings();
            final PrintWriter out = spec.commandLine().getOut();
            try (SchemaRegistryClient registry = settings.registry()) {
                final Map<String, RetryMail> waiting = waiting(settings, settings.topics(registry), reason);
                if (output.json()) {
                    OutputOption.printJson(
                            out,
                            waiting.values().stream().map(Views.RetryView::of).toList());
                    return ExitCodes.OK;
                }
                out.printf(
                        "%-24s %-15s %-8s %-40s %s%n", "NEXT ATTEMPT", "REASON", "ATTEMPT", "MAIL ID", "WAITING FOR");
                waiting.values()
                        .forEach(r -> out.printf(
                                "%-24s %-15s %-8s %-40s %s%n",
                                r.getNextAttemptAt(),
                                r.getReason(),
                                r.getAttempt() + "/" + r.getMaxAttempts(),
                                TerminalText.escape(r.getMailId()),
                                r.getWaitingFor().isEmpty()
                                        ? "-"
                                        : TerminalText.escape(String.join(",", r.getWaitingFor()))));
                out.printf("%d mails waiting%n", waiting.size());
            }
            return ExitCodes.OK;
        }
    }

    @Command(
            name = "release",
            mixinStandardHelpOptions = true,
            description = {
                "Releases waiting mails now: in one transaction, ends their wait (a mail.retry tombstone) and re-publishes",
                "the carried mail to mail.raw with attempt+1 and resubmittedFrom=mail.retry, as dlq retry does."
            })
    static final class Release implements Callable<Integer> {
        @Mixin
        ClusterOptions cluster;

        @ArgGroup(exclusive = true, multiplicity = "1")
        MailSelection selection;

        @Option(names = "--reason", description = "Only mails waiting for this reason: ${COMPLETION-CANDIDATES}.")
        RetryReason reason;

        @Spec
        CommandSpec spec;

        @Override
        public Integer call() throws Exception {
            final ClientSettings settings = cluster.settings();
            final PrintWriter out = spec.commandLine().getOut();
            int released = 0;
            try (SchemaRegistryClient registry = settings.registry();
                    S3Client s3 = settings.s3()) {
                final MailTopics topics = settings.topics(registry);
                final Map<String, RetryMail> waiting = waiting(settings, topics, reason);
                if (!selection.all) {
                    final Set<String> known = Set.copyOf(
                            waiting.values().stream().map(RetryMail::getMailId).toList());
                    selection.mailIds.stream()
                            .filter(id -> !known.contains(id))
                            .findFirst()
                            .ifPresent(id -> {
                                throw new CommandFailure(
                                        ExitCodes.FAILURE,
                                        "no waiting mail " + id + (reason == null ? "" : " with reason " + reason));
                            });
                    waiting.values().removeIf(r -> !selection.mailIds.contains(r.getMailId()));
                }
                try (Resubmitter resubmitter = new Resubmitter(settings, topics, s3, Integer.MAX_VALUE)) {
                    for (final Map.Entry<String, RetryMail> entry : waiting.entrySet()) {
                        final Resubmitter.Result result = resubmitter.release(entry.getKey(), entry.getValue());
                        out.printf(
                                "released %s (%s, attempt %d)%n",
                                TerminalText.escape(result.mailId()),
                                entry.getValue().getReason(),
                                result.attempt());
                        released++;
                    }
                }
            }
            out.printf("%d mails released%n", released);
            return ExitCodes.OK;
        }
    }
}
