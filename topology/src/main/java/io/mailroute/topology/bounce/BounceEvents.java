package io.mailroute.topology.bounce;

import io.mailroute.avro.Address;
import io.mailroute.avro.Bounce;
import io.mailroute.avro.ClassifiedMail;
import io.mailroute.avro.Lane;
import io.mailroute.topology.attempt.MailDecision;
import io.mailroute.topology.attempt.Routed;
import io.mailroute.topology.owner.AddressNormalizer;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import org.apache.kafka.streams.KeyValue;

/**
 * Turns the decision of one mail into the events of the bounce stage: one record per reported
 * recipient (and owner, for tickets) keyed by the recipient's normalized address, and one rate
 * sighting per owner and sending domain of every routed mail.
 */
final class BounceEvents {
    /** Prefix of bounce ticket keys. */
    static final String TICKET_PREFIX = "bounce:";

    private BounceEvents() {}

    /**
     * One record per reported recipient, keyed by its normalized address, with only that recipient
     * in {@code bounces} and the ticket key set. Mails routed to the ticket lane give one record
     * per owner (each owner has its own ticket); other bounce mails give one record per recipient,
     * on their first lane, which only the suppressions use. Quarantined mail (a forged bounce) gives
     * none.
     */
    static List<KeyValue<String, ClassifiedMail>> recipients(final String mailId, final MailDecision decision) {
        final List<ClassifiedMail> lanes = bounceMails(decision);
        if (lanes.isEmpty()) {
            return List.of();
        }
        final List<ClassifiedMail> tickets =
                lanes.stream().filter(m -> m.getLane() == Lane.TICKET).toList();
        final List<KeyValue<String, ClassifiedMail>> events = new ArrayList<>();
        for (final ClassifiedMail mail : tickets.isEmpty() ? lanes.subList(0, 1) : tickets) {
            final Map<String, Bounce> byAddress = new LinkedHashMap<>();
            for (final Bounce bounce : mail.getBounces()) {
                byAddress.putIfAbsent(AddressNormalizer.normalize(bounce.getRecipient()), bounce);
            }
            byAddress.forEach((address, bounce) -> events.add(KeyValue.pair(
                    address,
                    ClassifiedMail.newBuilder(mail)
                            .setBounces(List.of(bounce))
                            .setTicketKey(ticketKey(mail.getOwnerId(), address))
                            .setTicketAction(null)
                            .build())));
        }
        return events;
    }

    /**
     * One sighting per owner and per sending domain of a bounce (a mail reporting a failed delivery)
     * routed to any lane; other mail moves no rate, whose denominator is the mail sent
     * ({@code mail.sent-counts}), and is not repartitioned. The sending domain
     * of a bounce is the domain of the bounced message's sender (its {@code originalSender}); a mail
     * whose bounces do not name it counts against the domain it was sent to:
     * a bounce returns to the envelope sender of the mail that bounced.
     */
    static List<KeyValue<String, RateSighting>> sightings(final String mailId, final MailDecision decision) {
        final Set<String> scopes = new LinkedHashSet<>();
        ClassifiedMail first = null;
        for (final Routed routed : decision.routes()) {
            if (routed instanceof Routed.ToLane lane) {
                first = first == null ? lane.mail() : first;
                if (lane.mail().getOwnerId() != null) {
                    scopes.add(RateScope.owner(lane.mail().getOwnerId()));
                }
            }
        }
        // a quarantined "bounce" may be forged: it is no bounce
        if (first == null
                || first.getLane() == Lane.QUARANTINE
                || first.getBounces().stream().noneMatch(b -> BounceOutcome.of(b) == BounceOutcome.FAILED)) {
            return List.of();
        }
        final Set<String> domains = new LinkedHashSet<>();
        for (final Bounce bounce : first.getBounces()) {
            addDomain(bounce.getOriginalSender(), domains);
        }
        if (domains.isEmpty()) {
            for (final Address recipient : first.getRecipients()) {
                addDomain(recipient.getNormalized(), domains);
            }
        }
        domains.forEach(domain -> scopes.add(RateScope.domain(domain)));
        final RateSighting sighting = new RateSighting(mailId, true);
        return scopes.stream().map(scope -> KeyValue.pair(scope, sighting)).toList();
    }

    private static void addDomain(final String address, final Set<String> domains) {
        if (address == null) {
            return;
        }
        final int at = address.lastIndexOf('@');
        if (at >= 0 && at < address.length() - 1) {
            domains.add(address.substring(at + 1).toLowerCase(Locale.ROOT));
        }
    }

    /** The ticket of one owner (or of nobody) for one bounced address; the same for every later bounce. */
    static String ticketKey(final String ownerId, final String normalizedAddress) {
        return TICKET_PREFIX + (ownerId == null ? "-" : ownerId) + ":" + normalizedAddress;
    }

    private static List<ClassifiedMail> bounceMails(final MailDecision decision) {
        final List<ClassifiedMail> mails = new ArrayList<>(2);
        for (final Routed routed : decision.routes()) {
            if (routed instanceof Routed.ToLane lane
                    && lane.lane() != Lane.QUARANTINE
                    && !lane.mail().getBounces().isEmpty()) {
                mails.add(lane.mail());
            }
        }
        return mails;
    }
}
