package io.mailroute.topology;

import io.mailroute.avro.Alert;
import io.mailroute.avro.MailStatus;
import io.mailroute.avro.Stage;
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
    public static final String RAW_SOURCE = "mail-raw-source";
    public static final String RETRY_SOURCE = "mail-retry-source";
    /** Global processor indexing mail.accounts (its source node gets a "-source" suffix). */
    public static final String INDEX_OWNERS = "index-owners";
    /** Global processor keeping the rules store (its source node gets a "-source" suffix). */
    public static final String UPDATE_RULES = "update-rules";
    /** The table of mail.status (its source node gets a "-source" suffix). */
    public static final String STATUS_TABLE = "status-table";
    public static final String DEDUP = "dedup-mail";
    public static final String RELEASE = "release-waiting-mail";
    /** Writes the mail.retry tombstone that ends a released mail's wait. */
    public static final String END_WAIT = "end-wait";
    /** The branch of the releases that carries the next attempts on into the pipeline. */
    private static final String NEXT_ATTEMPT = "next-attempt";
    public static final String MERGE = "merge-attempts";
    public static final String FETCH = "fetch-mail";
    public static final String PARSE = "parse-mail";
    public static final String FLOOD_CHECK = "check-flood";
    /** Emits each parsed first attempt's flood keys for counting. */
    public static final String FLOOD_SIGHTINGS = "flood-sightings";
    /** The repartition (by flood key) before flood keys are counted. */
    public static final String FLOOD_GROUPING = "flood-count";
    /** Counts flood keys per window and raises FLOOD alerts. */
    public static final String COUNT_FLOODS = "count-floods";
    /** Global processor keeping the flood flags from mail.alerts (its source node gets a "-source" suffix). */
    public static final String TRACK_FLOODS = "track-floods";
    public static final String CLASSIFY = "classify-mail";
    public static final String FAN_OUT = "fan-out-outcomes";
    public static final String ROUTE = "route-";
    /** Source of the overflow lane. */
    public static final String OVERFLOW_SOURCE = "mail-overflow-source";
    /** Prefix of the overflow lane's copies of the stages (its own sub-topology). */
    public static final String OVERFLOW_PREFIX = "overflow-lane-";

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
    /** The repartition (by pattern key) before new patterns are counted. */
    public static final String NEW_PATTERN_GROUPING = "new-pattern";
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
                Consumed.with(Serdes.String(), topics.accounts().valueSerde()).withName(INDEX_OWNERS),
                () -> new OwnerIndexUpdater(accounts));
        builder.addGlobalStore(
                Stores.keyValueStoreBuilder(Stores.inMemoryKeyValueStore(RULES_STORE), Serdes.String(), topics.rules().valueSerde())
                        .withLoggingDisabled(),
                topics.rules().name(),
                Consumed.with(Serdes.String(), topics.rules().valueSerde()).withName(UPDATE_RULES),
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
                Consumed.with(Serdes.String(), topics.alerts().valueSerde()).withName(TRACK_FLOODS),
                () -> new FloodFlags(FLOOD_FLAG_STORE));

        // connector re-deliveries stop here; everything after works on one attempt of one mail
        final KStream<String, MailAttempt> fresh = builder
                .stream(topics.raw().name(), consumed(topics.raw(), RAW_SOURCE))
                .processValues(pipeline.dedup(DEDUP_STORE), Named.as(DEDUP), DEDUP_STORE);
        // waiting mails come back when their owner or a new rule set appears, or their backoff ends;
        // each release ends its wait on mail.retry in the same transaction, so no restart or operator
        // sees a released mail as waiting
        final BranchedKStream<String, Released> releases = builder
                .stream(topics.retry().name(), consumed(topics.retry(), RETRY_SOURCE))
                .process(pipeline.retry(RETRY_STORE), Named.as(RELEASE), RETRY_STORE)
                .split(Named.as(RELEASE + "-"));
        releases.branch(Released::endsWait, Branched.withConsumer(ends -> ends
                .mapValues(Released::tombstone, Named.as(END_WAIT + "-record"))
                .to(topics.retry().name(), produced(topics.retry(), END_WAIT + "-sink")), END_WAIT));
        // the Released types are sealed and each has a branch: nothing is left over
        final KStream<String, MailAttempt> released = releases
                .branch(Released::isNextAttempt, Branched.as(NEXT_ATTEMPT))
                .noDefaultBranch()
                .get(RELEASE + "-" + NEXT_ATTEMPT)
                .mapValues(Released::attempt, Named.as(RELEASE + "-" + NEXT_ATTEMPT + "-record"));
        // each stage either hands on its result or the mail's final decision (retry, dead letter);
        // a flooder's mail leaves here for the overflow lane, after only a header scan
        final KStream<String, StageResult<ParsedAttempt>> parsed = fresh
                .merge(released, Named.as(MERGE))
                .processValues(pipeline.fetch(), Named.as(FETCH))
                .processValues(pipeline.parse(), Named.as(PARSE));
        // every sender and owner is counted in one task over all partitions; going over the quota
        // raises a FLOOD alert, which the global flag store reads back for every task's flood check
        parsed.process(pipeline.floodSightings(), Named.as(FLOOD_SIGHTINGS))
                .repartition(Repartitioned.<String, FloodSighting>as(FLOOD_GROUPING)
                        .withKeySerde(Serdes.String()).withValueSerde(FloodSighting.serde()))
                .process(pipeline.floodCounter(FLOOD_COUNT_STORE), Named.as(COUNT_FLOODS), FLOOD_COUNT_STORE)
                .to(topics.alerts().name(), produced(topics.alerts(), COUNT_FLOODS + "-sink"));
        final KStream<String, MailDecision> decisions = parsed
                .processValues(pipeline.floodCheck(FLOOD_FLAG_STORE), Named.as(FLOOD_CHECK))
                .processValues(pipeline.classify(), Named.as(CLASSIFY));
        final BranchedKStream<String, Routed> routes = route(decisions, "", topics, BounceStage::isOtherTicket);
        toTopic(routes, Routing::isOverflow, "", "overflow", topics.overflow(), Routing::overflowMail);
        // the Routed types are sealed and every one has a branch: nothing is left over
        routes.noDefaultBranch();

        // the overflow lane: the same stages in a sub-topology of its own, so its tasks (and their
        // backlog) are apart from mail.raw's; its mail was counted already and is not checked again
        final KStream<String, MailDecision> overflowDecisions = builder
                .stream(topics.overflow().name(), consumed(topics.overflow(), OVERFLOW_SOURCE))
                .processValues(pipeline.overflowEntry(), Named.as(OVERFLOW_PREFIX + "entry"))
                .processValues(pipeline.fetch(), Named.as(OVERFLOW_PREFIX + FETCH))
                .processValues(pipeline.parse(), Named.as(OVERFLOW_PREFIX + PARSE))
                .processValues(pipeline.classify(), Named.as(OVERFLOW_PREFIX + CLASSIFY));
        // no flood check ran here, so neither overflow nor flood-alert records occur
        route(overflowDecisions, OVERFLOW_PREFIX, topics, BounceStage::isOtherTicket).noDefaultBranch();

        // bounces of both paths: self-closing tickets, suppressions and bounce-rate alerts (the ticket
        // branches leave bounce tickets to this stage)
        BounceStage.addTo(builder, decisions, overflowDecisions, OVERFLOW_PREFIX, topics, config.bounceSettings());

        // mail.status read back as a table serves status queries (its topic doubles as changelog)
        builder.table(topics.status().name(), consumed(topics.status(), STATUS_TABLE),
                Materialized.<String, MailStatus, KeyValueStore<Bytes, byte[]>>as(STATUS_STORE)
                        .withKeySerde(Serdes.String()).withValueSerde(topics.status().valueSerde()));
        return builder.build(props);
    }

    /** True for the processors that keep the global stores (their failures cannot go to a DLQ). */
    public static boolean isGlobal(final String processorName) {
        return INDEX_OWNERS.equals(processorName) || UPDATE_RULES.equals(processorName) || TRACK_FLOODS.equals(processorName);
    }

    /** The pipeline stage a processor of this topology belongs to, for dead letters. */
    public static Stage stageOf(final String name) {
        final String processorName = name.startsWith(OVERFLOW_PREFIX) ? name.substring(OVERFLOW_PREFIX.length()) : name;
        if (processorName.startsWith(OVERFLOW_SOURCE) || processorName.startsWith("entry")) {
            return Stage.FETCH;
        }
        if (processorName.startsWith(RAW_SOURCE) || processorName.startsWith(DEDUP)) {
            return Stage.DEDUP;
        }
        if (processorName.startsWith(RETRY_SOURCE) || processorName.startsWith(RELEASE)
                || processorName.startsWith(END_WAIT)) {
            return Stage.RETRY;
        }
        if (processorName.startsWith(MERGE) || processorName.startsWith(FETCH)) {
            return Stage.FETCH;
        }
        if (processorName.startsWith(PARSE)) {
            return Stage.PARSE;
        }
        if (processorName.startsWith(CLASSIFY) || processorName.startsWith(FLOOD_CHECK) || processorName.startsWith(FLOOD_SIGHTINGS)
                || processorName.startsWith(FLOOD_GROUPING) || processorName.startsWith(COUNT_FLOODS)) {
            return Stage.CLASSIFY;
        }
        return Stage.ROUTE;
    }

    /**
     * Fans decisions out into one record per owner, lane and side output and sends each to its
     * topic; new-pattern sightings are counted per pattern (the one repartition) into alerts. Every
     * name is prefixed with {@code prefix}. Returns the split for further branches.
     */
    private static BranchedKStream<String, Routed> route(final KStream<String, MailDecision> decisions, final String prefix,
                                                         final MailTopics topics, final Predicate<String, Routed> isTicket) {
        final BranchedKStream<String, Routed> routes = decisions
                .flatMap(Routing::routes, Named.as(prefix + FAN_OUT))
                .split(Named.as(prefix + ROUTE));
        toTopic(routes, Routing::isNotify, prefix, "notify", topics.notifications(), Routing::classifiedMail);
        toTopic(routes, isTicket, prefix, "ticket", topics.ticket(), Routing::classifiedMail);
        toTopic(routes, Routing::isOrderImport, prefix, "order-import", topics.orderImport(), Routing::classifiedMail);
        toTopic(routes, Routing::isQuarantine, prefix, "quarantine", topics.quarantine(), Routing::classifiedMail);
        toTopic(routes, Routing::isRetry, prefix, "retry", topics.retry(), Routing::retryMail);
        toTopic(routes, Routing::isDeadLetter, prefix, "dlq", topics.dlq(), Routing::deadLetter);
        toTopic(routes, Routing::isStatus, prefix, "status", topics.status(), Routing::status);
        routes.branch(Routing::isNewPattern, Branched.withConsumer(sightings -> sightings
                .mapValues(Routing::alert, Named.as(prefix + "new-pattern-sighting"))
                .groupByKey(Grouped.with(prefix + NEW_PATTERN_GROUPING, Serdes.String(), topics.alerts().valueSerde()))
                .reduce(NewPatterns.summing(), Named.as(prefix + "count-new-pattern"),
                        Materialized.<String, Alert, KeyValueStore<Bytes, byte[]>>as(prefix + NEW_PATTERN_STORE)
                                .withKeySerde(Serdes.String()).withValueSerde(topics.alerts().valueSerde()))
                .toStream(Named.as(prefix + "new-pattern-alerts"))
                .to(topics.alerts().name(), produced(topics.alerts(), prefix + "alerts-sink")), "new-pattern"));
        return routes;
    }

    private static <V> void toTopic(final BranchedKStream<String, Routed> routes, final Predicate<String, Routed> predicate,
                                    final String prefix, final String name, final Topic<String, V> topic,
                                    final Function<Routed, V> value) {
        routes.branch(predicate, Branched.withConsumer(branch -> branch
                .mapValues(value::apply, Named.as(prefix + name + "-record"))
                .to(topic.name(), produced(topic, prefix + name + "-sink")), name));
    }

    private static <V> Consumed<String, V> consumed(final Topic<String, V> topic, final String name) {
        return Consumed.with(topic.keySerde(), topic.valueSerde()).withName(name);
    }

    private static <V> Produced<String, V> produced(final Topic<String, V> topic, final String name) {
        return Produced.with(topic.keySerde(), topic.valueSerde()).withName(name);
    }
}
