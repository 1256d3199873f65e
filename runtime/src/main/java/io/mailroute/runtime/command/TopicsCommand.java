package io.mailroute.runtime.command;

import io.mailroute.runtime.client.ClientSettings;
import io.mailroute.runtime.topics.TopicApplier;
import io.mailroute.schemas.topics.MailTopic;
import io.mailroute.schemas.topics.TopicNames;
import io.mailroute.schemas.topics.TopicSpec;
import java.util.List;
import java.util.concurrent.Callable;
import java.util.concurrent.ExecutionException;
import org.apache.kafka.clients.admin.Admin;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

/** {@code mailroute topics apply|list}: creates and lists the mailroute topics. */
@Command(
        name = "topics",
        description = "Create or list the mailroute topics.",
        subcommands = {TopicsCommand.Apply.class, TopicsCommand.ListTopics.class})
public final class TopicsCommand {

    @Command(
            name = "apply",
            mixinStandardHelpOptions = true,
            description = "Create missing topics and set compaction, retention, record size and min.insync.replicas"
                    + " on existing ones; report a partition count or replication factor that differs.")
    static final class Apply implements Callable<Integer> {
        @Mixin
        ClusterOptions cluster;

        @Option(
                names = "--partitions",
                defaultValue = "3",
                description = "Partitions of new topics (default: ${DEFAULT-VALUE}).")
        int partitions;

        @Option(
                names = "--replication-factor",
                defaultValue = "-1",
                description =
                        "Replication factor of new topics; -1 takes the broker default (default: ${DEFAULT-VALUE}).")
        short replicationFactor;

        @Option(
                names = "--min-insync-replicas",
                defaultValue = "-1",
                description = "min.insync.replicas of every topic, at most the replication factor; -1 takes the broker"
                        + " default (default: ${DEFAULT-VALUE}). With RF 3, 2 lets a write with acks=all"
                        + " survive one broker down.")
        int minInsyncReplicas;

        @Spec
        CommandSpec spec;

        @Override
        public Integer call() throws Exception {
            final ClientSettings settings = cluster.settings();
            final List<TopicSpec> specs;
            try {
                specs = TopicApplier.specs(
                        TopicNames.from(settings.application()), partitions, replicationFactor, minInsyncReplicas);
            } catch (IllegalArgumentException e) {
                throw new CommandFailure(ExitCodes.USAGE, e.getMessage(), e);
            }
            try (Admin admin = Admin.create(settings.admin())) {
                final List<TopicApplier.Change> changes = new TopicApplier(admin).apply(specs);
                changes.forEach(c -> spec.commandLine().getOut().println(c));
            } catch (ExecutionException e) {
                throw KafkaErrors.toFailure(settings.bootstrapServers(), e);
            }
            return ExitCodes.OK;
        }
    }

    @Command(
            name = "list",
            mixinStandardHelpOptions = true,
            description = "List the mailroute topics with what they carry.")
    static final class ListTopics implements Callable<Integer> {
        @Mixin
        ClusterOptions cluster;

        @Spec
        CommandSpec spec;

        @Override
        public Integer call() {
            final TopicNames names = TopicNames.from(cluster.settings().application());
            for (final MailTopic topic : MailTopic.values()) {
                spec.commandLine()
                        .getOut()
                        .printf(
                                "%-20s %-15s key=%-22s %s%n",
                                names.name(topic), topic.valueType().getSimpleName(), topic.key(), topic.doc());
            }
            return ExitCodes.OK;
        }
    }
}
