package io.mailroute.cli.replay;

import java.util.Collection;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import java.util.concurrent.ExecutionException;
import java.util.stream.Collectors;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.ConsumerGroupDescription;
import org.apache.kafka.clients.admin.ListOffsetsResult.ListOffsetsResultInfo;
import org.apache.kafka.clients.admin.ListTopicsOptions;
import org.apache.kafka.clients.admin.OffsetSpec;
import org.apache.kafka.clients.admin.StreamsGroupDescription;
import org.apache.kafka.clients.admin.TopicDescription;
import org.apache.kafka.clients.consumer.OffsetAndMetadata;
import org.apache.kafka.common.GroupType;
import org.apache.kafka.common.TopicPartition;

/**
 * Resets a consumer group's offsets with the Admin API, the way {@code kafka-consumer-groups --reset-offsets}
 * and {@code kafka-streams-application-reset} do: only while the group has no active member.
 */
public final class OffsetResetter {
    private final Admin admin;

    public OffsetResetter(final Admin admin) {
        this.admin = admin;
    }

    /**
     * Members of {@code group} that are connected now (none for an unknown or empty group), for
     * classic and consumer groups as well as groups of the Streams rebalance protocol (KIP-1071).
     */
    public int activeMembers(final String group) throws ExecutionException, InterruptedException {
        if (isStreamsGroup(group)) {
            final StreamsGroupDescription description =
                    admin.describeStreamsGroups(List.of(group)).all().get().get(group);
            return description == null ? 0 : description.members().size();
        }
        final ConsumerGroupDescription description =
                admin.describeConsumerGroups(List.of(group)).all().get().get(group);
        return description == null ? 0 : description.members().size();
    }

    private boolean isStreamsGroup(final String group) throws ExecutionException, InterruptedException {
        return admin.listGroups().all().get().stream()
                .anyMatch(g -> g.groupId().equals(group)
                        && g.type().filter(GroupType.STREAMS::equals).isPresent());
    }

    /** Of {@code topics}, those that exist. */
    public Set<String> existing(final Collection<String> topics) throws ExecutionException, InterruptedException {
        final Set<String> all = admin.listTopics(new ListTopicsOptions().listInternal(false))
                .names()
                .get();
        return topics.stream().filter(all::contains).collect(Collectors.toCollection(TreeSet::new));
    }

    /** The internal topics of a Streams application: {@code <application.id>-...-changelog|-repartition}. */
    public Set<String> internalTopics(final String applicationId) throws ExecutionException, InterruptedException {
        return admin.listTopics(new ListTopicsOptions().listInternal(false)).names().get().stream()
                .filter(t ->
                        t.startsWith(applicationId + "-") && (t.endsWith("-changelog") || t.endsWith("-repartition")))
                .collect(Collectors.toCollection(TreeSet::new));
    }

    /**
     * The offset each partition of {@code topics} goes to: {@code target}, or the end of the partition
     * when no record is at or after the target time.
     */
    public Map<TopicPartition, Long> plan(final Set<String> topics, final OffsetTarget target)
            throws ExecutionException, InterruptedException {
        final Map<TopicPartition, OffsetSpec> specs = new HashMap<>();
        final Map<TopicPartition, OffsetSpec> ends = new HashMap<>();
        for (final TopicDescription topic :
                admin.describeTopics(topics).allTopicNames().get().values()) {
            topic.partitions().forEach(p -> {
                final TopicPartition partition = new TopicPartition(topic.name(), p.partition());
                specs.put(partition, target.spec());
                ends.put(partition, OffsetSpec.latest());
            });
        }
        final Map<TopicPartition, ListOffsetsResultInfo> found =
                admin.listOffsets(specs).all().get();
        final Map<TopicPartition, ListOffsetsResultInfo> latest =
                admin.listOffsets(ends).all().get();
        final Map<TopicPartition, Long> offsets = new HashMap<>();
        found.forEach((partition, info) ->
                offsets.put(partition, info.offset() < 0 ? latest.get(partition).offset() : info.offset()));
        return offsets;
    }

    /** Commits {@code offsets} for {@code group}; fails when the group has active members. */
    public void commit(final String group, final Map<TopicPartition, Long> offsets)
            throws ExecutionException, InterruptedException {
        final Map<TopicPartition, OffsetAndMetadata> commits = new HashMap<>();
        offsets.forEach((partition, offset) -> commits.put(partition, new OffsetAndMetadata(offset)));
        if (isStreamsGroup(group)) {
            admin.alterStreamsGroupOffsets(group, commits).all().get();
        } else {
            admin.alterConsumerGroupOffsets(group, commits).all().get();
        }
    }

    public void deleteTopics(final Set<String> topics) throws ExecutionException, InterruptedException {
        if (!topics.isEmpty()) {
            admin.deleteTopics(topics).all().get();
        }
    }
}
