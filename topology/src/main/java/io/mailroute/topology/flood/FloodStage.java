package io.mailroute.topology.flood;

import io.mailroute.schemas.topics.MailTopics;
import io.mailroute.topology.attempt.Outcomes;
import io.mailroute.topology.attempt.ParsedAttempt;
import io.mailroute.topology.attempt.StageResult;
import io.mailroute.topology.config.FloodPolicy;
import io.mailroute.topology.lookup.Lookups;
import io.mailroute.topology.naming.Node;
import org.apache.kafka.common.serialization.Serdes;
import org.apache.kafka.streams.StreamsBuilder;
import org.apache.kafka.streams.kstream.Consumed;
import org.apache.kafka.streams.kstream.KStream;
import org.apache.kafka.streams.kstream.Named;
import org.apache.kafka.streams.kstream.Repartitioned;
import org.apache.kafka.streams.state.Stores;

/**
 * Flood isolation on the main track: every sender and owner is counted over all partitions, and
 * the mail of one over its quota leaves the main track for the overflow lane, so that everyone
 * else's mail never queues behind a flood. Its stores come first ({@link #addStoresTo}), as a
 * global store must for the sub-topologies to keep their numbers; its processors then go after
 * the parse stage of the main track ({@link #addTo}).
 */
public final class FloodStage {
    /** Mails per flood key (sender or owner) and window. */
    public static final String COUNT_STORE = "flood-count-store";
    /** Global store: flagged flooders, until when (S3 arrival time) their mail takes the overflow lane. */
    public static final String FLAG_STORE = "flood-flag-store";

    private final MailTopics topics;
    private final FloodPolicy policy;
    private final Outcomes outcomes;
    private final Lookups lookups;

    private FloodStage(
            final MailTopics topics, final FloodPolicy policy, final Outcomes outcomes, final Lookups lookups) {
        this.topics = topics;
        this.policy = policy;
        this.outcomes = outcomes;
        this.lookups = lookups;
    }

    /**
     * Adds the stage's stores:
     * <pre>
     * [flood-count-store]                                (counts per flood key and window)
     * mail.alerts ─ track-floods ─ [flood-flag-store]    (global: the flags the FLOOD alerts raise)
     * </pre>
     */
    public static FloodStage addStoresTo(
            final StreamsBuilder builder,
            final MailTopics topics,
            final FloodPolicy policy,
            final Outcomes outcomes,
            final Lookups lookups) {
        // flood counts change with every mail: cached, so the changelog gets one update per key and commit
        builder.addStateStore(Stores.windowStoreBuilder(
                        Stores.persistentWindowStore(
                                COUNT_STORE, policy.window().multipliedBy(2), policy.window(), false),
                        Serdes.String(),
                        Serdes.Long())
                .withCachingEnabled());
        // flags are raised over all partitions and read by every task: a global store of the FLOOD alerts
        builder.addGlobalStore(
                Stores.keyValueStoreBuilder(Stores.inMemoryKeyValueStore(FLAG_STORE), Serdes.String(), Serdes.Long())
                        .withLoggingDisabled(),
                topics.alerts().name(),
                Consumed.with(Serdes.String(), topics.alerts().valueSerde()).withName(Node.TRACK_FLOODS.id()),
                () -> new FloodFlags(FLAG_STORE));
        return new FloodStage(topics, policy, outcomes, lookups);
    }

    /**
     * Adds the count and the check to the main track's parsed attempts and returns the checked ones,
     * where a flagged flooder's mail is decided already (to mail.overflow):
     * <pre>
     * parsed ─ flood-sightings ─ [flood-count] ─ count-floods [flood-count-store] ─ mail.alerts (FLOOD)
     * parsed ─ check-flood [flood-flag-store] ─ checked
     * </pre>
     */
    public KStream<String, StageResult<ParsedAttempt>> addTo(final KStream<String, StageResult<ParsedAttempt>> parsed) {
        // every sender and owner is counted in one task over all partitions; going over the quota
        // raises a FLOOD alert, which the global flag store reads back for every task's flood check
        parsed.process(() -> new FloodSightings(policy, lookups), Named.as(Node.FLOOD_SIGHTINGS.id()))
                .repartition(Repartitioned.<String, FloodSighting>as(Node.FLOOD_GROUPING.id())
                        .withKeySerde(Serdes.String())
                        .withValueSerde(FloodSighting.serde()))
                .process(() -> new FloodCounter(policy, COUNT_STORE), Named.as(Node.COUNT_FLOODS.id()), COUNT_STORE)
                .to(topics.alerts().name(), Node.COUNT_FLOODS.produced(topics.alerts()));
        // a flooder's mail leaves here for the overflow lane, after only a header scan
        return parsed.processValues(
                () -> new FloodCheck(policy, outcomes, lookups, FLAG_STORE), Named.as(Node.FLOOD_CHECK.id()));
    }
}
