package io.mailroute.runtime.topics;

import io.mailroute.schemas.topics.MailTopic;
import io.mailroute.schemas.topics.TopicNames;
import io.mailroute.schemas.topics.TopicSpec;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Collection;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ExecutionException;
import java.util.stream.Collectors;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.AlterConfigOp;
import org.apache.kafka.clients.admin.Config;
import org.apache.kafka.clients.admin.ConfigEntry;
import org.apache.kafka.clients.admin.TopicDescription;
import org.apache.kafka.common.config.ConfigResource;
import org.apache.kafka.common.config.TopicConfig;
import org.apache.kafka.common.errors.TopicExistsException;
import org.apache.kafka.common.errors.UnknownTopicOrPartitionException;

/**
 * Makes the cluster's topics match {@link TopicSpec}: creates missing topics and sets the
 * compaction, retention, size and {@code min.insync.replicas} configs of existing ones. Never
 * deletes a topic or changes a partition count or replication factor (keys are partitioned, and
 * moving replicas is a reassignment); a mismatch is reported instead. Returns once every
 * partition of a created topic has a leader, so clients started next find it.
 */
public final class TopicApplier {
    /** How long {@link #apply} waits for the partitions of the topics it created to have leaders. */
    public static final Duration LEADER_TIMEOUT = Duration.ofSeconds(120);

    private final Admin admin;

    public TopicApplier(final Admin admin) {
        this.admin = admin;
    }

    /** What {@link #apply} did to one topic. */
    public record Change(String topic, String action, String detail) {
        @Override
        public String toString() {
            return String.format("%-8s %-22s %s", action, topic, detail);
        }
    }

    /** Replication factor or {@code min.insync.replicas} left to the broker's defaults. */
    public static final int BROKER_DEFAULT = -1;

    /** The specs of every mailroute topic for the given names, partitions and replication factor. */
    public static List<TopicSpec> specs(final TopicNames names, final int partitions, final short replicationFactor) {
        return specs(names, partitions, replicationFactor, BROKER_DEFAULT);
    }

    /**
     * The specs of every mailroute topic, each with {@code min.insync.replicas} set unless it is
     * {@link #BROKER_DEFAULT}.
     *
     * @throws IllegalArgumentException when a count is below 1 (and not the broker default), or
     *                                  {@code minInsyncReplicas} exceeds the replication factor:
     *                                  every {@code acks=all} write would then fail
     */
    public static List<TopicSpec> specs(
            final TopicNames names, final int partitions, final short replicationFactor, final int minInsyncReplicas) {
        if (replicationFactor < 1 && replicationFactor != BROKER_DEFAULT) {
            throw new IllegalArgumentException(
                    "the replication factor must be at least 1 (or -1 for the broker default), not "
                            + replicationFactor);
        }
        if (minInsyncReplicas < 1 && minInsyncReplicas != BROKER_DEFAULT) {
            throw new IllegalArgumentException(
                    "min.insync.replicas must be at least 1 (or -1 for the broker default), not " + minInsyncReplicas);
        }
        if (replicationFactor != BROKER_DEFAULT && minInsyncReplicas > replicationFactor) {
            throw new IllegalArgumentException("min.insync.replicas " + minInsyncReplicas
                    + " exceeds the replication factor " + replicationFactor
                    + ": no write with acks=all could ever succeed");
        }
        final List<TopicSpec> specs = new ArrayList<>();
        for (final MailTopic topic : MailTopic.values()) {
            final TopicSpec spec = TopicSpec.of(topic, names, partitions, replicationFactor);
            specs.add(minInsyncReplicas == BROKER_DEFAULT ? spec : withMinInsyncReplicas(spec, minInsyncReplicas));
        }
        return specs;
    }

    private static TopicSpec withMinInsyncReplicas(final TopicSpec spec, final int minInsyncReplicas) {
        final Map<String, String> configs = new LinkedHashMap<>(spec.configs());
        configs.put(TopicConfig.MIN_IN_SYNC_REPLICAS_CONFIG, Integer.toString(minInsyncReplicas));
        return new TopicSpec(spec.name(), spec.partitions(), spec.replicationFactor(), Map.copyOf(configs));
    }

    public List<Change> apply(final Collection<TopicSpec> specs) throws ExecutionException, InterruptedException {
        final Set<String> existing = admin.listTopics().names().get();
        final List<Change> changes = new ArrayList<>();
        final List<TopicSpec> missing =
                specs.stream().filter(s -> !existing.contains(s.name())).toList();
        for (final TopicSpec spec : missing) {
            try {
                admin.createTopics(List.of(spec.toNewTopic())).all().get();
                changes.add(new Change(spec.name(), "created", describe(spec)));
            } catch (ExecutionException e) {
                if (!(e.getCause() instanceof TopicExistsException)) {
                    throw e;
                }
                changes.add(new Change(spec.name(), "exists", "created concurrently by another client"));
            }
        }
        if (!missing.isEmpty()) {
            awaitLeaders(missing.stream().map(TopicSpec::name).toList(), LEADER_TIMEOUT);
        }
        final List<TopicSpec> present =
                specs.stream().filter(s -> existing.contains(s.name())).toList();
        if (!present.isEmpty()) {
            changes.addAll(reconcile(present));
        }
        return changes;
    }

    /**
     * Waits until every partition of {@code names} has a leader. Until then a topic may be missing
     * from a broker's metadata (a Streams global store fails to start on it) and producing to it
     * ends in NOT_LEADER retries that can leave an idempotent producer stuck.
     *
     * @throws IllegalStateException when a partition has no leader after {@code timeout}
     */
    public void awaitLeaders(final Collection<String> names, final Duration timeout)
            throws InterruptedException, ExecutionException {
        final long deadline = System.nanoTime() + timeout.toNanos();
        while (!led(names)) {
            if (System.nanoTime() - deadline > 0) {
                throw new IllegalStateException(
                        "partitions of " + names + " have no leader after " + timeout.toSeconds() + " s");
            }
            Thread.sleep(100);
        }
    }

    /** Whether every partition has a leader; a topic the broker's metadata does not show yet has none. */
    private boolean led(final Collection<String> names) throws InterruptedException, ExecutionException {
        try {
            return admin.describeTopics(names).allTopicNames().get().values().stream()
                    .allMatch(t -> t.partitions().stream()
                            .allMatch(p -> p.leader() != null && !p.leader().isEmpty()));
        } catch (ExecutionException e) {
            if (e.getCause() instanceof UnknownTopicOrPartitionException) {
                return false;
            }
            throw e;
        }
    }

    private List<Change> reconcile(final List<TopicSpec> specs) throws ExecutionException, InterruptedException {
        final Map<String, TopicDescription> descriptions = admin.describeTopics(
                        specs.stream().map(TopicSpec::name).toList())
                .allTopicNames()
                .get();
        final Map<ConfigResource, Config> configs = admin.describeConfigs(specs.stream()
                        .map(s -> new ConfigResource(ConfigResource.Type.TOPIC, s.name()))
                        .toList())
                .all()
                .get();
        final List<Change> changes = new ArrayList<>();
        for (final TopicSpec spec : specs) {
            final ConfigResource resource = new ConfigResource(ConfigResource.Type.TOPIC, spec.name());
            final Config current = configs.get(resource);
            final TopicDescription description = descriptions.get(spec.name());
            final int replicas = replicationFactor(description);
            final List<String> notes = new ArrayList<>();
            final Map<String, String> wanted = new LinkedHashMap<>(spec.configs());
            final String minIsr = wanted.get(TopicConfig.MIN_IN_SYNC_REPLICAS_CONFIG);
            if (minIsr != null && Integer.parseInt(minIsr) > replicas) {
                wanted.remove(TopicConfig.MIN_IN_SYNC_REPLICAS_CONFIG);
                notes.add(TopicConfig.MIN_IN_SYNC_REPLICAS_CONFIG + "=" + minIsr + " not set: the topic has " + replicas
                        + " replicas");
            }
            final List<AlterConfigOp> ops = wanted.entrySet().stream()
                    .filter(e -> current.get(e.getKey()) == null
                            || !e.getValue().equals(current.get(e.getKey()).value()))
                    .map(e -> new AlterConfigOp(new ConfigEntry(e.getKey(), e.getValue()), AlterConfigOp.OpType.SET))
                    .toList();
            final int partitions = description.partitions().size();
            if (partitions != spec.partitions()) {
                notes.add("has " + partitions + " partitions, spec says " + spec.partitions() + "; left as is");
            }
            if (spec.replicationFactor() != BROKER_DEFAULT && replicas != spec.replicationFactor()) {
                notes.add("has replication factor " + replicas + ", spec says " + spec.replicationFactor()
                        + "; left as is (a partition reassignment changes it)");
            }
            final String noteText = notes.isEmpty() ? "" : " (" + String.join("; ", notes) + ")";
            if (ops.isEmpty()) {
                changes.add(new Change(spec.name(), "ok", describe(spec) + noteText));
                continue;
            }
            admin.incrementalAlterConfigs(Map.of(resource, ops)).all().get();
            changes.add(new Change(
                    spec.name(),
                    "updated",
                    ops.stream()
                                    .map(op -> op.configEntry().name() + "="
                                            + op.configEntry().value())
                                    .collect(Collectors.joining(", "))
                            + noteText));
        }
        return changes;
    }

    /** The fewest replicas any partition of the topic has. */
    private static int replicationFactor(final TopicDescription description) {
        return description.partitions().stream()
                .mapToInt(p -> p.replicas().size())
                .min()
                .orElse(0);
    }

    private static String describe(final TopicSpec spec) {
        return spec.partitions() + " partitions, "
                + (spec.replicationFactor() == BROKER_DEFAULT
                        ? ""
                        : "replication factor " + spec.replicationFactor() + ", ")
                + spec.configs().entrySet().stream()
                        .map(e -> e.getKey() + "=" + e.getValue())
                        .sorted()
                        .collect(Collectors.joining(", "));
    }
}
