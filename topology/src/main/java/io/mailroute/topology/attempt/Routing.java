package io.mailroute.topology.attempt;

import io.mailroute.avro.Alert;
import io.mailroute.avro.ClassifiedMail;
import io.mailroute.avro.DeadLetter;
import io.mailroute.avro.Lane;
import io.mailroute.avro.MailStatus;
import io.mailroute.avro.RawMail;
import io.mailroute.avro.RetryMail;
import java.util.ArrayList;
import java.util.List;
import org.apache.kafka.streams.KeyValue;

/** The branch predicates and value accessors the topology routes {@link Routed} records with. */
public final class Routing {
    private Routing() {}

    /** The records of a decision, each under the key of its topic. */
    public static List<KeyValue<String, Routed>> routes(final String mailId, final MailDecision decision) {
        final List<KeyValue<String, Routed>> routes =
                new ArrayList<>(decision.routes().size());
        for (final Routed routed : decision.routes()) {
            routes.add(KeyValue.pair(routed.key(), routed));
        }
        return routes;
    }

    public static boolean isNotify(final String key, final Routed routed) {
        return isLane(routed, Lane.NOTIFY);
    }

    public static boolean isTicket(final String key, final Routed routed) {
        return isLane(routed, Lane.TICKET);
    }

    public static boolean isOrderImport(final String key, final Routed routed) {
        return isLane(routed, Lane.ORDER_IMPORT);
    }

    public static boolean isQuarantine(final String key, final Routed routed) {
        return isLane(routed, Lane.QUARANTINE);
    }

    public static boolean isRetry(final String key, final Routed routed) {
        return routed instanceof Routed.ToRetry;
    }

    public static boolean isDeadLetter(final String key, final Routed routed) {
        return routed instanceof Routed.ToDeadLetter;
    }

    public static boolean isStatus(final String key, final Routed routed) {
        return routed instanceof Routed.ToStatus;
    }

    public static boolean isNewPattern(final String key, final Routed routed) {
        return routed instanceof Routed.ToNewPattern;
    }

    public static boolean isAlert(final String key, final Routed routed) {
        return routed instanceof Routed.ToAlert;
    }

    public static boolean isOverflow(final String key, final Routed routed) {
        return routed instanceof Routed.ToOverflow;
    }

    public static RawMail overflowMail(final Routed routed) {
        return ((Routed.ToOverflow) routed).mail();
    }

    public static ClassifiedMail classifiedMail(final Routed routed) {
        return ((Routed.ToLane) routed).mail();
    }

    public static RetryMail retryMail(final Routed routed) {
        return ((Routed.ToRetry) routed).retry();
    }

    public static DeadLetter deadLetter(final Routed routed) {
        return ((Routed.ToDeadLetter) routed).deadLetter();
    }

    public static MailStatus status(final Routed routed) {
        return ((Routed.ToStatus) routed).status();
    }

    /** The alert of a new-pattern sighting or of a {@link Routed.ToAlert}. */
    public static Alert alert(final Routed routed) {
        return routed instanceof Routed.ToAlert toAlert ? toAlert.alert() : ((Routed.ToNewPattern) routed).alert();
    }

    private static boolean isLane(final Routed routed, final Lane lane) {
        return routed instanceof Routed.ToLane toLane && toLane.lane() == lane;
    }
}
