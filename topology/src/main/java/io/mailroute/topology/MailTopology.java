package io.mailroute.topology;

import io.mailroute.avro.Alert;
import io.mailroute.avro.MailStatus;
import io.mailroute.schemas.registry.SchemaRegistryClients;
import io.mailroute.schemas.topics.MailTopics;
import io.mailroute.schemas.topics.Topic;
import io.mailroute.topology.attempt.MailAttempt;
import io.mailroute.topology.attempt.MailDecision;
import io.mailroute.topology.attempt.ParsedAttempt;
import io.mailroute.topology.attempt.Routed;
import io.mailroute.topology.attempt.Routing;
import io.mailroute.topology.attempt.StageResult;
import io.mailroute.topology.bounce.pipeline.BounceStage;
import io.mailroute.topology.config.FloodPolicy;
import io.mailroute.topology.config.MailrouteConfig;
import io.mailroute.topology.naming.Node;
import io.mailroute.topology.naming.Track;
import io.mailroute.topology.owner.OwnerIndex;
import io.mailroute.topology.owner.OwnerIndexUpdater;
import io.mailroute.topology.owner.OwnersSerde;
import io.mailroute.topology.pipeline.FloodFlags;
import io.mailroute.topology.pipeline.FloodSighting;
import io.mailroute.topology.pipeline.NewPatterns;
import io.mailroute.topology.pipeline.Pipeline;
import io.mailroute.topology.pipeline.Released;
import io.mailroute.topology.rules.DefaultRulePack;
import io.mailroute.topology.rules.RuleSet;
import io.mailroute.topology.rules.RulesUpdater;
import io.mailroute.topology.support.Generation;
import java.util.List;
import java.util.Map;
import java.util.Properties;
import java.util.function.Function;
import org.apache.kafka.common.serialization.Serdes;
import org.apache.kafka.common.utils.Bytes;
import org.apache.kafka.streams.StreamsBuilder;
import org.apache.kafka.streams.StreamsConfig;
import org.apache.kafka.streams.Topology;
import org.apache.kafka.streams.TopologyConfig;
import org.apache.kafka.streams.kstream.Branched;
import org.apache.kafka.streams.kstream.BranchedKStream;
import org.apache.kafka.streams.kstream.Consumed;
import org.apache.kafka.streams.kstream.Grouped;
import org.apache.kafka.streams.kstream.KStream;
import org.apache.kafka.streams.kstream.Materialized;
import org.apache.kafka.streams.kstream.Named;
import org.apache.kafka.streams.kstream.Predicate;
import org.apache.kafka.streams.kstream.Produced;
import org.apache.kafka.streams.kstream.Repartitioned;
import org.apache.kafka.streams.state.KeyValueStore;
import org.apache.kafka.streams.state.Stores;

/**
 * The mail topology, as a pure function of its configuration: no I/O, nothing started.
 *
 * <pre>
 * mail.raw ─ dedup ─┐
 *                   ├─ fetch ─ parse ─ classify ─ fan-out ─ route: notify | ticket | order-import
 * mail.retry ─ wait ┘   (owner index, rules: global stores)           | quarantine | retry | dlq | status
 *            └ end of wait (tombstone) ─ mail.retry                    └ new patterns (counted) ─ alerts
 * mail.status ─ status table (interactive queries)
 *
 * flood count (after parse): sightings by sender and owner ─ [flood-count] ─ count per window ─ FLOOD alert ─ mail.alerts
 * flood check (after parse): a sender or owner flagged (global store of FLOOD alerts) ─ mail.overflow
 * mail.overflow ─ fetch ─ parse ─ classify ─ fan-out ─ route (same lanes; a sub-topology and tasks of its own)
 * </pre>
 *
 * Mail stays keyed by mail id from {@code mail.raw} to the lanes; only small events are repartitioned
 * (flood sightings, new-pattern sightings, bounce events). Every processor, store and internal topic is named.
 */
public final class MailTopology {
    /** Window store of mail ids seen (dedup). */
    public static final String DEDUP_STORE = "mail-dedup-store";
    /** Mails waiting in mail.retry, by mail id. */
    public static final String RETRY_STORE = "retry-waiting-store";
    /** Latest {@link MailStatus} per mail id, for interactive queries. */
    public static final String STATUS_STORE = "mail-status-store";
    /** Mails per flood key (sender or owner) and window. */
    public static final String FLOOD_COUNT_STORE = "flood-count-store";
    /** Global store: flagged flooders, until when (S3 arrival time) their mail takes the overflow lane. */
    public static final String FLOOD_FLAG_STORE = "flood-flag-store";
    /** New-pattern alerts by pattern key. */
    public static final String NEW_PATTERN_STORE = "new-pattern-store";
    /** Global store: owners by normalized address and by account id. */
    public static final String OWNER_INDEX_STORE = OwnerIndex.STORE;
    /** Global store: rules by rule id. */
    public static final String RULES_STORE = RulesUpdater.STORE;

    private MailTopology() {}

    /**
     * Builds the topology from one configuration map (Streams, serde, {@code mailroute.*} and
     * topic name keys): topics and serdes from {@link MailTopics}, services from
     * {@link TopologyServices#from(MailrouteConfig)}.
     */
    public static Topology build(final Map<String, ?> settings) {
        final MailTopics topics = MailTopics.create(settings, SchemaRegistryClients.fromConfig(settings), settings);
        return build(settings, topics, TopologyServices.from(new MailrouteConfig(settings)));
    }

    /**
     * Builds the topology.
     *
     * @param settings Streams, serde and {@code mailroute.*} settings; passed through {@link MailStreamsConfig}
     * @param topics   topic names and serdes
     * @param services claim-check store and bounce detector
     */
    public static Topology build(final Map<String, ?> settings, final MailTopics topics, final TopologyServices services) {
        final Properties props = MailStreamsConfig.properties(settings);
        final MailrouteConfig config = new MailrouteConfig(props);
        final StreamsBuilder builder = new StreamsBuilder(new TopologyConfig(new StreamsConfig(props)));
        final Generation accounts = new Generation();
        final Generation rules = new Generation();
        final RuleSet fallback = config.defaultRulesFallback() ? DefaultRulePack.load().compile() : RuleSet.compile(List.of(), "none", List.of());
        final Pipeline pipeline = new Pipeline(config, services, accounts, rules, fallback);

        // owners and rules are small and read by every task: global stores, rebuilt from their
        // compacted topics through the updaters on every start, so mail never needs repartitioning
        builder.addGlobalStore(
                Stores.keyValueStoreBuilder(Stores.inMemoryKeyValueStore(OWNER_INDEX_STORE), Serdes.String(), new OwnersSerde())
                        .withLoggingDisabled(),
                topics.accounts().name(),
                Consumed.with(Serdes.String(), topics.accounts().valueSerde()).withName(Node.INDEX_OWNERS.id()),
                () -> new OwnerIndexUpdater(accounts));
        builder.addGlobalStore(
                Stores.keyValueStoreBuilder(Stores.inMemoryKeyValueStore(RULES_STORE), Serdes.String(), topics.rules().valueSerde())
                        .withLoggingDisabled(),
                topics.rules().name(),
                Consumed.with(Serdes.String(), topics.rules().valueSerde()).withName(Node.UPDATE_RULES.id()),
                () -> new RulesUpdater(rules));
        builder.addStateStore(Stores.windowStoreBuilder(
                Stores.persistentWindowStore(DEDUP_STORE, config.dedupWindow(), config.dedupWindow(), false),
                Serdes.String(), Serdes.Long()));
        builder.addStateStore(Stores.keyValueStoreBuilder(
                Stores.persistentKeyValueStore(RETRY_STORE), Serdes.String(), topics.retry().valueSerde()));
        // flood counts change with every mail: cached, so the changelog gets one update per key and commit
        final FloodPolicy flood = config.floodPolicy();
        builder.addStateStore(Stores.windowStoreBuilder(
                Stores.persistentWindowStore(FLOOD_COUNT_STORE, flood.window().multipliedBy(2), flood.window(), false),
                Serdes.String(), Serdes.Long()).withCachingEnabled());
        // flags are raised over all partitions and read by every task: a global store of the FLOOD alerts
        builder.addGlobalStore(
                Stores.keyValueStoreBuilder(Stores.inMemoryKeyValueStore(FLOOD_FLAG_STORE), Serdes.String(), Serdes.Long())
                        .withLoggingDisabled(),
                topics.alerts().name(),
                Consumed.with(Serdes.String(), topics.alerts().valueSerde()).withName(Node.TRACK_FLOODS.id()),
                () -> new FloodFlags(FLOOD_FLAG_STORE));

        // connector re-deliveries stop here; everything after works on one attempt of one mail
        final KStream<String, MailAttempt> fresh = builder
                .stream(topics.raw().name(), consumed(topics.raw(), Node.RAW_SOURCE.id()))
                .processValues(pipeline.dedup(DEDUP_STORE), Named.as(Node.DEDUP.id()), DEDUP_STORE);
        // waiting mails come back when their owner or a new rule set appears, or their backoff ends;
        // each release ends its wait on mail.retry in the same transaction, so no restart or operator
        // sees a released mail as waiting
        final BranchedKStream<String, Released> releases = builder
                .stream(topics.retry().name(), consumed(topics.retry(), Node.RETRY_SOURCE.id()))
                .process(pipeline.retry(RETRY_STORE), Named.as(Node.RELEASE.id()), RETRY_STORE)
                .split(Named.as(Node.RELEASES.id()));
        releases.branch(Released::endsWait, Branched.withConsumer(ends -> ends
                .mapValues(Released::tombstone, Named.as(Node.END_WAIT.record()))
                .to(topics.retry().name(), produced(topics.retry(), Node.END_WAIT.sink())), Node.END_WAIT.branch()));
        // the Released types are sealed and each has a branch: nothing is left over
        final KStream<String, MailAttempt> released = releases
                .branch(Released::isNextAttempt, Branched.as(Node.NEXT_ATTEMPT.branch()))
                .noDefaultBranch()
                .get(Node.NEXT_ATTEMPT.branchId())
                .mapValues(Released::attempt, Named.as(Node.NEXT_ATTEMPT.record()));
        // each stage either hands on its result or the mail's final decision (retry, dead letter);
        // a flooder's mail leaves here for the overflow lane, after only a header scan
        final KStream<String, StageResult<ParsedAttempt>> parsed = fresh
                .merge(released, Named.as(Node.MERGE_ATTEMPTS.id()))
                .processValues(pipeline.fetch(), Named.as(Node.FETCH.id(Track.MAIN)))
                .processValues(pipeline.parse(), Named.as(Node.PARSE.id(Track.MAIN)));
        // every sender and owner is counted in one task over all partitions; going over the quota
        // raises a FLOOD alert, which the global flag store reads back for every task's flood check
        parsed.process(pipeline.floodSightings(), Named.as(Node.FLOOD_SIGHTINGS.id()))
                .repartition(Repartitioned.<String, FloodSighting>as(Node.FLOOD_GROUPING.id())
                        .withKeySerde(Serdes.String()).withValueSerde(FloodSighting.serde()))
                .process(pipeline.floodCounter(FLOOD_COUNT_STORE), Named.as(Node.COUNT_FLOODS.id()), FLOOD_COUNT_STORE)
                .to(topics.alerts().name(), produced(topics.alerts(), Node.COUNT_FLOODS.sink()));
        final KStream<String, MailDecision> decisions = parsed
                .processValues(pipeline.floodCheck(FLOOD_FLAG_STORE), Named.as(Node.FLOOD_CHECK.id()))
                .processValues(pipeline.classify(), Named.as(Node.CLASSIFY.id(Track.MAIN)));
        final BranchedKStream<String, Routed> routes = route(decisions, Track.MAIN, topics, BounceStage::isOtherTicket);
        toTopic(routes, Routing::isOverflow, Track.MAIN, Node.OVERFLOW, topics.overflow(), Routing::overflowMail);
        // the Routed types are sealed and every one has a branch: nothing is left over
        routes.noDefaultBranch();

        // the overflow lane: the same stages in a sub-topology of its own, so its tasks (and their
        // backlog) are apart from mail.raw's; its mail was counted already and is not checked again
        final KStream<String, MailDecision> overflowDecisions = builder
                .stream(topics.overflow().name(), consumed(topics.overflow(), Node.OVERFLOW_SOURCE.id()))
                .processValues(pipeline.overflowEntry(), Named.as(Node.OVERFLOW_ENTRY.id(Track.OVERFLOW)))
                .processValues(pipeline.fetch(), Named.as(Node.FETCH.id(Track.OVERFLOW)))
                .processValues(pipeline.parse(), Named.as(Node.PARSE.id(Track.OVERFLOW)))
                .processValues(pipeline.classify(), Named.as(Node.CLASSIFY.id(Track.OVERFLOW)));
        // no flood check ran here, so neither overflow nor flood-alert records occur
        route(overflowDecisions, Track.OVERFLOW, topics, BounceStage::isOtherTicket).noDefaultBranch();

        // bounces of both paths: self-closing tickets, suppressions and bounce-rate alerts (the ticket
        // branches leave bounce tickets to this stage)
        BounceStage.addTo(builder, decisions, overflowDecisions, topics, config.bounceSettings());

        // mail.status read back as a table serves status queries (its topic doubles as changelog)
        builder.table(topics.status().name(), consumed(topics.status(), Node.STATUS_TABLE.id()),
                Materialized.<String, MailStatus, KeyValueStore<Bytes, byte[]>>as(STATUS_STORE)
                        .withKeySerde(Serdes.String()).withValueSerde(topics.status().valueSerde()));
        return builder.build(props);
    }

    /**
     * Fans decisions out into one record per owner, lane and side output and sends each to its
     * topic; new-pattern sightings are counted per pattern (the one repartition) into alerts. Every
     * node is named for {@code track}. Returns the split for further branches.
     */
    private static BranchedKStream<String, Routed> route(final KStream<String, MailDecision> decisions, final Track track,
                                                         final MailTopics topics, final Predicate<String, Routed> isTicket) {
        final BranchedKStream<String, Routed> routes = decisions
                .flatMap(Routing::routes, Named.as(Node.FAN_OUT.id(track)))
                .split(Named.as(Node.ROUTE.id(track)));
        toTopic(routes, Routing::isNotify, track, Node.NOTIFY, topics.notifications(), Routing::classifiedMail);
        toTopic(routes, isTicket, track, Node.TICKET, topics.ticket(), Routing::classifiedMail);
        toTopic(routes, Routing::isOrderImport, track, Node.ORDER_IMPORT, topics.orderImport(), Routing::classifiedMail);
        toTopic(routes, Routing::isQuarantine, track, Node.QUARANTINE, topics.quarantine(), Routing::classifiedMail);
        toTopic(routes, Routing::isRetry, track, Node.RETRY, topics.retry(), Routing::retryMail);
        toTopic(routes, Routing::isDeadLetter, track, Node.DLQ, topics.dlq(), Routing::deadLetter);
        toTopic(routes, Routing::isStatus, track, Node.STATUS, topics.status(), Routing::status);
        routes.branch(Routing::isNewPattern, Branched.withConsumer(sightings -> sightings
                .mapValues(Routing::alert, Named.as(Node.NEW_PATTERN_SIGHTING.id(track)))
                .groupByKey(Grouped.with(Node.NEW_PATTERN_GROUPING.id(track), Serdes.String(), topics.alerts().valueSerde()))
                .reduce(NewPatterns.summing(), Named.as(Node.COUNT_NEW_PATTERN.id(track)),
                        Materialized.<String, Alert, KeyValueStore<Bytes, byte[]>>as(track.prefix() + NEW_PATTERN_STORE)
                                .withKeySerde(Serdes.String()).withValueSerde(topics.alerts().valueSerde()))
                .toStream(Named.as(Node.NEW_PATTERN_ALERTS.id(track)))
                .to(topics.alerts().name(), produced(topics.alerts(), Node.NEW_PATTERN_ALERTS.sink(track))),
                Node.NEW_PATTERN.branch()));
        return routes;
    }

    private static <V> void toTopic(final BranchedKStream<String, Routed> routes, final Predicate<String, Routed> predicate,
                                    final Track track, final Node lane, final Topic<String, V> topic,
                                    final Function<Routed, V> value) {
        routes.branch(predicate, Branched.withConsumer(branch -> branch
                .mapValues(value::apply, Named.as(lane.record(track)))
                .to(topic.name(), produced(topic, lane.sink(track))), lane.branch()));
    }

    private static <V> Consumed<String, V> consumed(final Topic<String, V> topic, final String name) {
        return Consumed.with(topic.keySerde(), topic.valueSerde()).withName(name);
    }

    private static <V> Produced<String, V> produced(final Topic<String, V> topic, final String name) {
        return Produced.with(topic.keySerde(), topic.valueSerde()).withName(name);
    }
}
