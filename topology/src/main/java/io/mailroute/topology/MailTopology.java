package io.mailroute.topology;

import io.mailroute.avro.MailStatus;
import io.mailroute.schemas.registry.SchemaRegistryClients;
import io.mailroute.schemas.topics.MailTopics;
import io.mailroute.topology.attempt.MailAttempt;
import io.mailroute.topology.attempt.MailDecision;
import io.mailroute.topology.attempt.Outcomes;
import io.mailroute.topology.attempt.ParsedAttempt;
import io.mailroute.topology.attempt.StageResult;
import io.mailroute.topology.bounce.BounceStage;
import io.mailroute.topology.classify.ClassifyStage;
import io.mailroute.topology.config.MailrouteConfig;
import io.mailroute.topology.flood.FloodStage;
import io.mailroute.topology.intake.IntakeStage;
import io.mailroute.topology.lookup.Lookups;
import io.mailroute.topology.naming.Node;
import io.mailroute.topology.naming.Track;
import io.mailroute.topology.owner.OwnerIndex;
import io.mailroute.topology.route.RouteStage;
import java.util.Map;
import java.util.Properties;
import org.apache.kafka.common.serialization.Serdes;
import org.apache.kafka.common.utils.Bytes;
import org.apache.kafka.streams.StreamsBuilder;
import org.apache.kafka.streams.StreamsConfig;
import org.apache.kafka.streams.Topology;
import org.apache.kafka.streams.TopologyConfig;
import org.apache.kafka.streams.kstream.KStream;
import org.apache.kafka.streams.kstream.Materialized;
import org.apache.kafka.streams.state.KeyValueStore;

/**
 * The mail topology, as a pure function of its configuration: no I/O, nothing started. Each
 * sub-flow adds itself to the builder; this class only puts them in order.
 *
 * <pre>
 * lookups (global stores): owners, rules, contacts (added last)      flood: count store, flag store (global)
 * intake:   mail.raw ─ dedup ┬─ attempts ─ main path ─ decisions ─┐
 *           mail.retry ─ release ┘  (ends each wait on mail.retry)  │
 *           mail.overflow ─ entry ─ attempts ─ main path ─ decisions ─┴─ bounce: tickets, suppressions, rates
 * main path: fetch ─ parse ─ [flood check: main track only] ─ classify ─ route: notify | ticket | order-import
 *            | quarantine | retry | dlq | status | alert | overflow (main track only) | new patterns (counted) ─ alerts
 * mail.status ─ status table (interactive queries)
 * </pre>
 *
 * Mail stays keyed by mail id from {@code mail.raw} to the lanes; only small events are repartitioned
 * (flood sightings, new-pattern sightings, bounce events). Every node is named by
 * {@link io.mailroute.topology.naming.Node}, every store and internal topic explicitly.
 */
public final class MailTopology {
    /** Latest {@link MailStatus} per mail id, for interactive queries. */
    public static final String STATUS_STORE = "mail-status-store";
    /** Global store of owners by normalized address and by account id, for interactive queries. */
    public static final String OWNER_INDEX_STORE = OwnerIndex.STORE;

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
    public static Topology build(
            final Map<String, ?> settings, final MailTopics topics, final TopologyServices services) {
        final Properties props = MailStreamsConfig.properties(settings);
        final MailrouteConfig config = new MailrouteConfig(props);
        final StreamsBuilder builder = new StreamsBuilder(new TopologyConfig(new StreamsConfig(props)));
        final Outcomes outcomes = new Outcomes(config.retryPolicy());

        // the global stores come first, so that they and the sub-topologies keep their numbers (task ids)
        final Lookups lookups = Lookups.addTo(builder, topics, config);
        final FloodStage flood = FloodStage.addStoresTo(builder, topics, config.floodPolicy(), outcomes, lookups);
        final ClassifyStage classify =
                new ClassifyStage(config, services.bodies(), services.bounces(), outcomes, lookups);

        final KStream<String, MailDecision> decisions =
                mainPath(IntakeStage.addTo(builder, topics, config, lookups), Track.MAIN, classify, flood, topics);
        // the overflow lane: the same stages in a sub-topology of its own, so its tasks (and their
        // backlog) are apart from mail.raw's
        final KStream<String, MailDecision> overflowDecisions =
                mainPath(IntakeStage.addOverflowTo(builder, topics), Track.OVERFLOW, classify, flood, topics);
        BounceStage.addTo(builder, decisions, overflowDecisions, topics, config.bounceSettings());

        // mail.status read back as a table serves status queries (its topic doubles as changelog)
        builder.table(
                topics.status().name(),
                Node.STATUS_TABLE.consumed(topics.status()),
                Materialized.<String, MailStatus, KeyValueStore<Bytes, byte[]>>as(STATUS_STORE)
                        .withKeySerde(Serdes.String())
                        .withValueSerde(topics.status().valueSerde()));
        // the owners' contacts came after the other sub-topologies: added last, their global store
        // takes the next number and every other sub-topology keeps its number (task ids, state dirs)
        lookups.addContactsTo(builder, topics);
        return builder.build(props);
    }

    /**
     * The stages every attempt runs, on either track: fetch, parse, the flood check (the main
     * track's only: the overflow lane's mail was counted before it was moved there), classify and
     * route. Returns the decisions, which the bounce stage reads too.
     */
    private static KStream<String, MailDecision> mainPath(
            final KStream<String, MailAttempt> attempts,
            final Track track,
            final ClassifyStage classify,
            final FloodStage flood,
            final MailTopics topics) {
        final KStream<String, StageResult<ParsedAttempt>> parsed = classify.addFetchAndParseTo(attempts, track);
        final KStream<String, MailDecision> decisions =
                classify.addTo(track == Track.MAIN ? flood.addTo(parsed) : parsed, track);
        // the ticket branch leaves bounce tickets to the bounce stage
        RouteStage.addTo(decisions, track, topics, BounceStage::isOtherTicket);
        return decisions;
    }
}
