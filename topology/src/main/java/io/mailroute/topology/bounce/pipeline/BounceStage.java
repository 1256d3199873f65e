package io.mailroute.topology.bounce.pipeline;

import io.mailroute.avro.ClassifiedMail;
import io.mailroute.schemas.topics.MailTopics;
import io.mailroute.schemas.topics.Topic;
import io.mailroute.topology.pipeline.MailDecision;
import io.mailroute.topology.pipeline.Routed;
import io.mailroute.topology.pipeline.Routing;
import org.apache.kafka.common.serialization.Serdes;
import org.apache.kafka.streams.StreamsBuilder;
import org.apache.kafka.streams.kstream.KStream;
import org.apache.kafka.streams.kstream.Named;
import org.apache.kafka.streams.kstream.Produced;
import org.apache.kafka.streams.kstream.Repartitioned;
import org.apache.kafka.streams.state.Stores;

/**
 * The bounce stage, fed with every mail decision:
 * <pre>
 * decisions ─ bounce-recipients ─ [bounce-by-address] ─┬─ bounce-tickets ─ mail.ticket (OPEN | UPDATE | CLOSE)
 *                                                      └─ suppress-addresses ─ mail.suppressions
 *           ─ bounce-rate-sightings ─ [bounce-rate-scope] ─ measure-bounce-rates ─ mail.alerts
 * </pre>
 * Tickets and suppressions run on processing time for expiry and on the bounces' arrival times for
 * suppression counts; see the processors. Bounce mails reach {@code mail.ticket} only through this stage ({@link #isOtherTicket} keeps
 * them off the plain ticket lane). Each bounce costs a fixed number of store operations keyed by
 * its own address or scope, so one sender's flood of bounces adds no work to anyone else's.
 */
public final class BounceStage {
    public static final String RECIPIENTS = "bounce-recipients";
    /** Repartition by normalized bounced address. */
    public static final String BY_ADDRESS = "bounce-by-address";
    public static final String TICKETS = "bounce-tickets";
    public static final String SUPPRESS = "suppress-addresses";
    public static final String RATE_SIGHTINGS = "bounce-rate-sightings";
    /** Repartition by rate scope ({@code owner:<id>}, {@code domain:<name>}). */
    public static final String BY_SCOPE = "bounce-rate-scope";
    public static final String MEASURE_RATES = "measure-bounce-rates";

    /** Open bounce tickets by ticket key. */
    public static final String TICKET_STORE = "bounce-ticket-store";
    /** Open bounce ticket keys by last bounce time, for the quiet-period check. */
    public static final String TICKET_EXPIRY_STORE = "bounce-ticket-expiry-store";
    /** Suppressions by normalized address. */
    public static final String SUPPRESSION_STORE = "suppression-store";
    /** Recent soft bounces by normalized address. */
    public static final String SOFT_BOUNCE_STORE = "soft-bounce-store";
    /** Bounce-rate windows by scope. */
    public static final String RATE_STORE = "bounce-rate-store";

    private BounceStage() {}

    /**
     * True for ticket-lane records this stage does not turn into tickets: mail reporting no failed
     * recipient (no bounce at all, or only delivery reports and auto-replies) keeps its plain ticket
     * record, so that every mail routed to the ticket lane is on it.
     */
    public static boolean isOtherTicket(final String key, final Routed routed) {
        return Routing.isTicket(key, routed) && ((Routed.ToLane) routed).mail().getBounces().stream()
                .noneMatch(bounce -> BounceOutcome.of(bounce) == BounceOutcome.FAILED);
    }

    /** Adds the stage's stores and processors, reading the classified decisions of every mail. */
    public static void addTo(final StreamsBuilder builder, final KStream<String, MailDecision> decisions, final MailTopics topics,
                             final BounceSettings settings) {
        final Topic<String, ClassifiedMail> ticket = topics.ticket();
        builder.addStateStore(Stores.keyValueStoreBuilder(Stores.persistentKeyValueStore(TICKET_STORE), Serdes.String(),
                ticket.valueSerde()));
        builder.addStateStore(Stores.keyValueStoreBuilder(Stores.persistentKeyValueStore(TICKET_EXPIRY_STORE), Serdes.String(),
                Serdes.String()));
        builder.addStateStore(Stores.keyValueStoreBuilder(Stores.persistentKeyValueStore(SUPPRESSION_STORE), Serdes.String(),
                topics.suppressions().valueSerde()));
        builder.addStateStore(Stores.keyValueStoreBuilder(Stores.persistentKeyValueStore(SOFT_BOUNCE_STORE), Serdes.String(),
                SoftBounces.serde()));
        builder.addStateStore(Stores.keyValueStoreBuilder(Stores.persistentKeyValueStore(RATE_STORE), Serdes.String(), RateWindow.serde()));

        final KStream<String, ClassifiedMail> byAddress = decisions
                .flatMap(BounceEvents::recipients, Named.as(RECIPIENTS))
                .repartition(Repartitioned.<String, ClassifiedMail>as(BY_ADDRESS)
                        .withKeySerde(Serdes.String()).withValueSerde(ticket.valueSerde()));
        byAddress
                .process(() -> new BounceTicketProcessor(TICKET_STORE, TICKET_EXPIRY_STORE, settings.ticketQuietPeriod(),
                        settings.checkInterval()), Named.as(TICKETS), TICKET_STORE, TICKET_EXPIRY_STORE)
                .to(ticket.name(), Produced.with(ticket.keySerde(), ticket.valueSerde()).withName(TICKETS + "-sink"));
        byAddress
                .process(() -> new SuppressionProcessor(SUPPRESSION_STORE, SOFT_BOUNCE_STORE, settings),
                        Named.as(SUPPRESS), SUPPRESSION_STORE, SOFT_BOUNCE_STORE)
                .to(topics.suppressions().name(), Produced.with(topics.suppressions().keySerde(), topics.suppressions().valueSerde())
                        .withName(SUPPRESS + "-sink"));
        decisions
                .flatMap(BounceEvents::sightings, Named.as(RATE_SIGHTINGS))
                .repartition(Repartitioned.<String, RateSighting>as(BY_SCOPE)
                        .withKeySerde(Serdes.String()).withValueSerde(RateSighting.serde()))
                .process(() -> new BounceRateProcessor(RATE_STORE, settings), Named.as(MEASURE_RATES), RATE_STORE)
                .to(topics.alerts().name(), Produced.with(topics.alerts().keySerde(), topics.alerts().valueSerde())
                        .withName(MEASURE_RATES + "-sink"));
    }
}
