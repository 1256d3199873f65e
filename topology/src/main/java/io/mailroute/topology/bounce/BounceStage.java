package io.mailroute.topology.bounce;

import io.mailroute.avro.ClassifiedMail;
import io.mailroute.schemas.topics.MailTopics;
import io.mailroute.schemas.topics.Topic;
import io.mailroute.topology.attempt.MailDecision;
import io.mailroute.topology.attempt.Routed;
import io.mailroute.topology.attempt.Routing;
import io.mailroute.topology.config.BounceSettings;
import io.mailroute.topology.naming.Node;
import io.mailroute.topology.naming.Track;
import org.apache.kafka.common.serialization.Serdes;
import org.apache.kafka.streams.StreamsBuilder;
import org.apache.kafka.streams.kstream.KStream;
import org.apache.kafka.streams.kstream.Named;
import org.apache.kafka.streams.kstream.Repartitioned;
import org.apache.kafka.streams.state.Stores;

/**
 * The bounce stage, fed with every mail decision of both tracks: bounces open self-closing
 * tickets, suppress addresses and count towards bounce rates. Tickets and suppressions run on
 * processing time for expiry and on the bounces' arrival times for suppression counts; see the
 * processors. Bounce mails reach {@code mail.ticket} only through this stage ({@link #isOtherTicket}
 * keeps them off the plain ticket lane). Each bounce costs a fixed number of store operations keyed
 * by its own address or scope, so one sender's flood of bounces adds no work to anyone else's.
 */
public final class BounceStage {
    /** Open bounce tickets by ticket key. */
    public static final String TICKET_STORE = "bounce-ticket-store";
    /** Open bounce ticket keys by last bounce time, for the quiet-period check. */
    public static final String TICKET_EXPIRY_STORE = "bounce-ticket-expiry-store";
    /** Suppressions by normalized address. */
    public static final String SUPPRESSION_STORE = "suppression-store";
    /** Recent soft bounces by normalized address. */
    public static final String SOFT_BOUNCE_STORE = "soft-bounce-store";
    /** Recent unverified bounces by normalized address, with their reporting domains. */
    public static final String UNVERIFIED_BOUNCE_STORE = "unverified-bounce-store";
    /** Bounce-rate windows by scope. */
    public static final String RATE_STORE = "bounce-rate-store";
    /** Recent sent counts by scope, the denominators of the bounce rates. */
    public static final String SENT_COUNT_STORE = "sent-count-store";

    private BounceStage() {}

    /**
     * True for ticket-lane records this stage does not turn into tickets: mail reporting no failed
     * recipient (no bounce at all, or only delivery reports and auto-replies) keeps its plain ticket
     * record, so that every mail routed to the ticket lane is on it.
     */
    public static boolean isOtherTicket(final String key, final Routed routed) {
        return Routing.isTicket(key, routed)
                && ((Routed.ToLane) routed)
                        .mail().getBounces().stream()
                                .noneMatch(bounce -> BounceOutcome.of(bounce) == BounceOutcome.FAILED);
    }

    /**
     * Adds the stage's stores and processors, reading the classified decisions of every mail of both
     * tracks: a flooder's bounces open tickets, become suppressions and count towards bounce rates
     * like anyone's (a mass mailing to dead addresses is what the rate alerts are for), in the same
     * stores. Each track repartitions its own events under its own names, so the overflow lane keeps
     * its sub-topology and tasks:
     * <pre>
     * decisions ─ bounce-recipients ─ [bounce-by-address] ─┐
     * overflow  ─ overflow-lane-bounce-recipients ─ [...] ─┴ bounce-by-address-merge
     *     ┬─ bounce-tickets [bounce-ticket-store, bounce-ticket-expiry-store] ─ mail.ticket (OPEN | UPDATE | CLOSE)
     *     └─ suppress-addresses [suppression-store, soft-bounce-store, unverified-bounce-store] ─ mail.suppressions
     * mail.suppressions ─ mail-suppressions-source ─ remove-suppressions [the same three stores]
     * decisions ─ bounce-rate-sightings ─ [bounce-rate-scope] ─┐
     * overflow  ─ overflow-lane-bounce-rate-sightings ─ [...] ─┴ bounce-rate-scope-merge
     *     ─ measure-bounce-rates [bounce-rate-store, sent-count-store] ─ mail.alerts
     * mail.sent-counts ─ mail-sent-counts-source ─ record-sent-counts [sent-count-store]
     * </pre>
     */
    public static void addTo(
            final StreamsBuilder builder,
            final KStream<String, MailDecision> decisions,
            final KStream<String, MailDecision> overflowDecisions,
            final MailTopics topics,
            final BounceSettings settings) {
        final Topic<String, ClassifiedMail> ticket = topics.ticket();
        builder.addStateStore(Stores.keyValueStoreBuilder(
                Stores.persistentKeyValueStore(TICKET_STORE), Serdes.String(), ticket.valueSerde()));
        builder.addStateStore(Stores.keyValueStoreBuilder(
                Stores.persistentKeyValueStore(TICKET_EXPIRY_STORE), Serdes.String(), Serdes.String()));
        builder.addStateStore(Stores.keyValueStoreBuilder(
                Stores.persistentKeyValueStore(SUPPRESSION_STORE),
                Serdes.String(),
                topics.suppressions().valueSerde()));
        builder.addStateStore(Stores.keyValueStoreBuilder(
                Stores.persistentKeyValueStore(SOFT_BOUNCE_STORE), Serdes.String(), SoftBounces.serde()));
        builder.addStateStore(Stores.keyValueStoreBuilder(
                Stores.persistentKeyValueStore(UNVERIFIED_BOUNCE_STORE), Serdes.String(), UnverifiedBounces.serde()));
        // every mail updates its scopes' windows: cached, so the changelog gets one update per scope and commit
        builder.addStateStore(Stores.keyValueStoreBuilder(
                        Stores.persistentKeyValueStore(RATE_STORE), Serdes.String(), BounceRateWindow.serde())
                .withCachingEnabled());
        // read for every mail, written once per sent count: cached as well
        builder.addStateStore(Stores.keyValueStoreBuilder(
                        Stores.persistentKeyValueStore(SENT_COUNT_STORE), Serdes.String(), SentSeries.serde())
                .withCachingEnabled());

        // every bounced address is ticketed and suppressed in the one task that owns its key
        final KStream<String, ClassifiedMail> byAddress = byAddress(decisions, Track.MAIN, ticket)
                .merge(byAddress(overflowDecisions, Track.OVERFLOW, ticket), Named.as(Node.MERGE_BOUNCES.id()));
        byAddress
                .process(
                        () -> new BounceTicketProcessor(
                                TICKET_STORE,
                                TICKET_EXPIRY_STORE,
                                settings.ticketQuietPeriod(),
                                settings.checkInterval()),
                        Named.as(Node.BOUNCE_TICKETS.id()),
                        TICKET_STORE,
                        TICKET_EXPIRY_STORE)
                .to(ticket.name(), Node.BOUNCE_TICKETS.produced(ticket));
        byAddress
                .process(
                        () -> new SuppressionProcessor(
                                SUPPRESSION_STORE, SOFT_BOUNCE_STORE, UNVERIFIED_BOUNCE_STORE, settings),
                        Named.as(Node.SUPPRESS.id()),
                        SUPPRESSION_STORE,
                        SOFT_BOUNCE_STORE,
                        UNVERIFIED_BOUNCE_STORE)
                .to(topics.suppressions().name(), Node.SUPPRESS.produced(topics.suppressions()));
        // a removal (a tombstone on mail.suppressions) resets the address's counts in the same stores
        builder.stream(topics.suppressions().name(), Node.SUPPRESSIONS_SOURCE.consumed(topics.suppressions()))
                .process(
                        () -> new SuppressionRemovalProcessor(
                                SUPPRESSION_STORE, SOFT_BOUNCE_STORE, UNVERIFIED_BOUNCE_STORE),
                        Named.as(Node.REMOVE_SUPPRESSIONS.id()),
                        SUPPRESSION_STORE,
                        SOFT_BOUNCE_STORE,
                        UNVERIFIED_BOUNCE_STORE);
        // every rate scope (owner, sending domain) is measured in the one task that owns its key
        byScope(decisions, Track.MAIN)
                .merge(byScope(overflowDecisions, Track.OVERFLOW), Named.as(Node.MERGE_SIGHTINGS.id()))
                .process(
                        () -> new BounceRateProcessor(RATE_STORE, SENT_COUNT_STORE, settings),
                        Named.as(Node.MEASURE_RATES.id()),
                        RATE_STORE,
                        SENT_COUNT_STORE)
                .to(topics.alerts().name(), Node.MEASURE_RATES.produced(topics.alerts()));
        // mail.sent-counts is keyed by the same scopes: each count reaches the task measuring its scope
        builder.stream(topics.sentCounts().name(), Node.SENT_COUNTS_SOURCE.consumed(topics.sentCounts()))
                .process(
                        () -> new SentCountProcessor(SENT_COUNT_STORE, settings.rateWindow()),
                        Named.as(Node.RECORD_SENT_COUNTS.id()),
                        SENT_COUNT_STORE);
    }

    /** Each track repartitions its own events (a merge before the repartition would join the two tracks' sub-topologies). */
    private static KStream<String, ClassifiedMail> byAddress(
            final KStream<String, MailDecision> decisions,
            final Track track,
            final Topic<String, ClassifiedMail> ticket) {
        return decisions
                .flatMap(BounceEvents::recipients, Named.as(Node.BOUNCE_RECIPIENTS.id(track)))
                .repartition(Repartitioned.<String, ClassifiedMail>as(Node.BOUNCES_BY_ADDRESS.id(track))
                        .withKeySerde(Serdes.String())
                        .withValueSerde(ticket.valueSerde()));
    }

    private static KStream<String, RateSighting> byScope(
            final KStream<String, MailDecision> decisions, final Track track) {
        return decisions
                .flatMap(BounceEvents::sightings, Named.as(Node.RATE_SIGHTINGS.id(track)))
                .repartition(Repartitioned.<String, RateSighting>as(Node.SIGHTINGS_BY_SCOPE.id(track))
                        .withKeySerde(Serdes.String())
                        .withValueSerde(RateSighting.serde()));
    }
}
