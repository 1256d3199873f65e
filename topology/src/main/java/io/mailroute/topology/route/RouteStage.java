package io.mailroute.topology.route;

import io.mailroute.avro.Alert;
import io.mailroute.schemas.topics.MailTopics;
import io.mailroute.schemas.topics.Topic;
import io.mailroute.topology.attempt.MailDecision;
import io.mailroute.topology.attempt.Routed;
import io.mailroute.topology.attempt.Routing;
import io.mailroute.topology.naming.Node;
import io.mailroute.topology.naming.Track;
import java.util.function.Function;
import org.apache.kafka.common.serialization.Serdes;
import org.apache.kafka.common.utils.Bytes;
import org.apache.kafka.streams.kstream.Branched;
import org.apache.kafka.streams.kstream.BranchedKStream;
import org.apache.kafka.streams.kstream.Grouped;
import org.apache.kafka.streams.kstream.KStream;
import org.apache.kafka.streams.kstream.Materialized;
import org.apache.kafka.streams.kstream.Named;
import org.apache.kafka.streams.kstream.Predicate;
import org.apache.kafka.streams.state.KeyValueStore;

/**
 * Routing: every record of a mail's decision goes to its topic under its own key (a classified mail
 * per owner and lane, a retry, a dead letter, the status, an alert), and the new-pattern sightings of mail no
 * rule matched are counted per pattern into alerts. Mail stays keyed by mail id up to here; the
 * sightings are the one thing repartitioned.
 */
public final class RouteStage {
    /** New-pattern alerts by pattern key; the overflow track's store carries its prefix. */
    public static final String NEW_PATTERN_STORE = "new-pattern-store";

    private RouteStage() {}

    /**
     * Adds the fan-out and the routes of {@code track}, every node named for it:
     * <pre>
     * decisions ─ fan-out-outcomes ─ route- ┬ route-notify ─ notify-record ─ mail.notify
     *                                       ├ route-ticket ─ ticket-record ─ mail.ticket
     *                                       ├ route-order-import, -quarantine, -retry, -dlq, -status: alike
     *                                       ├ route-alert ─ alert-record ─ mail.alerts   (notices without contacts)
     *                                       ├ route-overflow ─ overflow-record ─ mail.overflow   (main track)
     *                                       └ route-new-pattern ─ new-pattern-sighting ─ [new-pattern]
     *     ─ count-new-pattern [new-pattern-store] ─ new-pattern-alerts ─ mail.alerts
     * </pre>
     *
     * @param isTicket which ticket-lane records take the ticket branch (the bounce stage tickets the others)
     */
    public static void addTo(
            final KStream<String, MailDecision> decisions,
            final Track track,
            final MailTopics topics,
            final Predicate<String, Routed> isTicket) {
        // one record per owner, lane and side output, each under the key of its topic
        final BranchedKStream<String, Routed> routes = decisions
                .flatMap(Routing::routes, Named.as(Node.FAN_OUT.id(track)))
                .split(Named.as(Node.ROUTE.id(track)));
        toTopic(routes, Routing::isNotify, track, Node.NOTIFY, topics.notifications(), Routing::classifiedMail);
        toTopic(routes, isTicket, track, Node.TICKET, topics.ticket(), Routing::classifiedMail);
        toTopic(
                routes,
                Routing::isOrderImport,
                track,
                Node.ORDER_IMPORT,
                topics.orderImport(),
                Routing::classifiedMail);
        toTopic(routes, Routing::isQuarantine, track, Node.QUARANTINE, topics.quarantine(), Routing::classifiedMail);
        toTopic(routes, Routing::isRetry, track, Node.RETRY, topics.retry(), Routing::retryMail);
        toTopic(routes, Routing::isDeadLetter, track, Node.DLQ, topics.dlq(), Routing::deadLetter);
        toTopic(routes, Routing::isStatus, track, Node.STATUS, topics.status(), Routing::status);
        toTopic(routes, Routing::isAlert, track, Node.ALERT, topics.alerts(), Routing::alert);
        // sightings of a pattern meet in one task (the one repartition), where they are summed into its alert
        routes.branch(
                Routing::isNewPattern,
                Branched.withConsumer(
                        sightings -> sightings
                                .mapValues(Routing::alert, Named.as(Node.NEW_PATTERN_SIGHTING.id(track)))
                                .groupByKey(Grouped.with(
                                        Node.NEW_PATTERN_GROUPING.id(track),
                                        Serdes.String(),
                                        topics.alerts().valueSerde()))
                                .reduce(
                                        new NewPatternSum(),
                                        Named.as(Node.COUNT_NEW_PATTERN.id(track)),
                                        Materialized.<String, Alert, KeyValueStore<Bytes, byte[]>>as(
                                                        track.prefix() + NEW_PATTERN_STORE)
                                                .withKeySerde(Serdes.String())
                                                .withValueSerde(topics.alerts().valueSerde()))
                                .toStream(Named.as(Node.NEW_PATTERN_ALERTS.id(track)))
                                .to(topics.alerts().name(), Node.NEW_PATTERN_ALERTS.produced(topics.alerts(), track)),
                        Node.NEW_PATTERN.branch()));
        // only the main track's flood check moves mail to the overflow lane
        if (track == Track.MAIN) {
            toTopic(routes, Routing::isOverflow, track, Node.OVERFLOW, topics.overflow(), Routing::overflowMail);
        }
        // the Routed types are sealed and every one that occurs on the track has a branch: nothing is left over
        routes.noDefaultBranch();
    }

    private static <V> void toTopic(
            final BranchedKStream<String, Routed> routes,
            final Predicate<String, Routed> predicate,
            final Track track,
            final Node lane,
            final Topic<String, V> topic,
            final Function<Routed, V> value) {
        routes.branch(
                predicate,
                Branched.withConsumer(
                        branch -> branch.mapValues(value::apply, Named.as(lane.record(track)))
                                .to(topic.name(), lane.produced(topic, track)),
                        lane.branch()));
    }
}
