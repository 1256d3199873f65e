package io.mailroute.cli;

import io.mailroute.avro.Lane;
import io.mailroute.cli.replay.OffsetResetter;
import io.mailroute.cli.replay.OffsetTarget;
import io.mailroute.cli.replay.TopologySources;
import io.mailroute.runtime.client.ClientSettings;
import io.mailroute.runtime.command.ClusterOptions;
import io.mailroute.runtime.command.CommandFailure;
import io.mailroute.runtime.command.ExitCodes;
import io.mailroute.runtime.command.KafkaErrors;
import io.mailroute.schemas.topics.MailTopic;
import io.mailroute.schemas.topics.TopicNames;
import io.mailroute.topology.MailStreamsConfig;
import java.io.PrintWriter;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.concurrent.Callable;
import java.util.concurrent.ExecutionException;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.common.TopicPartition;
import picocli.CommandLine.ArgGroup;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

/**
 * {@code mailroute replay}: processes mail again by moving consumer offsets, never by editing data.
 * {@code --app} does what {@code kafka-streams-application-reset} does for the mailroute Streams
 * application; {@code --lane} moves one subscriber group on one lane topic.
 */
@Command(
        name = "replay",
        mixinStandardHelpOptions = true,
        description = {
            "Replays mail by resetting consumer offsets.",
            "--app: the mailroute Streams application (stop it first): its source topics go back to the target, its",
            "  internal changelog and repartition topics are deleted; restart it afterwards and it reprocesses from there.",
            "--lane LANE --group G: a subscriber group's offsets on one lane topic (stop the subscriber first)."
        })
final class ReplayCommand implements Callable<Integer> {
    @Mixin
    ClusterOptions cluster;

    @ArgGroup(exclusive = true, multiplicity = "1")
    Target target;

    static final class Target {
        @Option(names = "--to-earliest", description = "Back to the earliest retained record.")
        boolean earliest;

        @Option(
                names = "--to-datetime",
                paramLabel = "ISO",
                description = "To the first record at or after this time, e.g. 2026-11-23T08:00:00Z.")
        String datetime;

        OffsetTarget offsetTarget() {
            return earliest ? OffsetTarget.earliest() : OffsetTarget.at(datetime);
        }
    }

    @ArgGroup(exclusive = true, multiplicity = "1")
    Scope scope;

    static final class Scope {
        @Option(names = "--app", description = "Reset the mailroute Streams application.")
        boolean app;

        @Option(names = "--lane", description = "Reset a subscriber of this lane: ${COMPLETION-CANDIDATES}.")
        Lane lane;
    }

    @Option(names = "--group", paramLabel = "G", description = "With --lane: the subscriber's consumer group.")
    String group;

    @Option(
            names = "--application-id",
            paramLabel = "ID",
            description = "With --app: the Streams application.id (default: application.id of --config, else "
                    + MailStreamsConfig.DEFAULT_APPLICATION_ID + ").")
    String applicationId;

    @Option(names = "--dry-run", description = "Print the plan, change nothing.")
    boolean dryRun;

    @Spec
    CommandSpec spec;

    @Override
    public Integer call() throws InterruptedException {
        if (scope.lane != null && group == null) {
            throw new CommandFailure(ExitCodes.USAGE, "--lane needs --group: the subscriber's consumer group to move");
        }
        if (scope.app && group != null) {
            throw new CommandFailure(
                    ExitCodes.USAGE,
                    "--group is for --lane; --app resets the application's own group (--application-id)");
        }
        final OffsetTarget to;
        try {
            to = target.offsetTarget();
        } catch (IllegalArgumentException e) {
            throw new CommandFailure(ExitCodes.USAGE, e.getMessage(), e);
        }
        final ClientSettings settings = cluster.settings();
        try (Admin admin = Admin.create(settings.admin())) {
            final OffsetResetter resetter = new OffsetResetter(admin);
            return scope.app ? replayApp(settings, resetter, to) : replayLane(settings, resetter, to);
        } catch (ExecutionException e) {
            throw KafkaErrors.toFailure(settings.bootstrapServers(), e);
        }
    }

    private int replayApp(final ClientSettings settings, final OffsetResetter resetter, final OffsetTarget to)
            throws ExecutionException, InterruptedException {
        final String appId = applicationId != null
                ? applicationId
                : (String) settings.kafka().getOrDefault("application.id", MailStreamsConfig.DEFAULT_APPLICATION_ID);
        refuseWhileActive(resetter, appId, "stop mailroute first (the Streams application " + appId + ")");
        final Set<String> sources = resetter.existing(TopologySources.of(settings.application()));
        final Map<TopicPartition, Long> offsets = resetter.plan(sources, to);
        final Set<String> internal = resetter.internalTopics(appId);
        final PrintWriter out = spec.commandLine().getOut();
        out.printf("%s group %s: source topics %s to %s%n", dryRun ? "would reset" : "resetting", appId, sources, to);
        printOffsets(out, offsets);
        out.printf(
                "%s internal topics: %s%n",
                dryRun ? "would delete" : "deleting", internal.isEmpty() ? "none" : internal);
        if (dryRun) {
            out.println("dry run: nothing changed");
            return ExitCodes.OK;
        }
        resetter.commit(appId, offsets);
        resetter.deleteTopics(internal);
        out.println(
                "done. Start mailroute again (local state is rebuilt; a kept state directory of an old instance must be "
                        + "deleted, as KafkaStreams#cleanUp does); it reprocesses from the reset offsets.");
        return ExitCodes.OK;
    }

    private int replayLane(final ClientSettings settings, final OffsetResetter resetter, final OffsetTarget to)
            throws ExecutionException, InterruptedException {
        final TopicNames names = TopicNames.from(settings.application());
        final String topic = names.name(
                switch (scope.lane) {
                    case NOTIFY -> MailTopic.NOTIFY;
                    case TICKET -> MailTopic.TICKET;
                    case ORDER_IMPORT -> MailTopic.ORDER_IMPORT;
                    case QUARANTINE -> MailTopic.QUARANTINE;
                    case OVERFLOW -> MailTopic.OVERFLOW;
                });
        refuseWhileActive(resetter, group, "stop the subscriber first");
        if (resetter.existing(Set.of(topic)).isEmpty()) {
            throw new CommandFailure(
                    ExitCodes.FAILURE, "topic " + topic + " does not exist (run: mailroute topics apply)");
        }
        final Map<TopicPartition, Long> offsets = resetter.plan(Set.of(topic), to);
        final PrintWriter out = spec.commandLine().getOut();
        out.printf("%s group %s on %s to %s%n", dryRun ? "would reset" : "resetting", group, topic, to);
        printOffsets(out, offsets);
        if (dryRun) {
            out.println("dry run: nothing changed");
            return ExitCodes.OK;
        }
        resetter.commit(group, offsets);
        out.println("done. Start the subscriber again; it reads " + topic + " from the reset offsets.");
        return ExitCodes.OK;
    }

    private static void refuseWhileActive(final OffsetResetter resetter, final String group, final String advice)
            throws ExecutionException, InterruptedException {
        final int members = resetter.activeMembers(group);
        if (members > 0) {
            throw new CommandFailure(
                    ExitCodes.FAILURE, "consumer group " + group + " has " + members + " active member(s); " + advice);
        }
    }

    private static void printOffsets(final PrintWriter out, final Map<TopicPartition, Long> offsets) {
        final Map<String, Long> sorted = new TreeMap<>();
        offsets.forEach((partition, offset) -> sorted.put(partition.topic() + "-" + partition.partition(), offset));
        sorted.forEach((partition, offset) -> out.printf("  %-40s -> offset %d%n", partition, offset));
    }
}
