package io.mailroute.topology.classify;

import io.mailroute.avro.Alert;
import io.mailroute.avro.AlertLevel;
import io.mailroute.avro.AlertType;
import io.mailroute.topology.owner.Owner;
import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * The alert of a notice nobody receives: its owner has no contacts on {@code mail.contacts} (or the
 * notice has no owner). The notice itself is still written, without contacts; the alert, keyed by
 * owner, says whom to add to the contacts file. One per notice: a chat or other consumer of
 * {@code mail.alerts} summarizes them by key.
 */
final class NoContacts {
    /** Prefix of the alert keys, followed by the scope. */
    static final String ALERT_PREFIX = "no-contacts:";
    /** Scope of a notice without an owner. */
    static final String NO_OWNER = "no-owner";

    private NoContacts() {}

    /** The scope of the notices of {@code owner}: {@code owner:<id>}, or {@code no-owner}. */
    static String scope(final Owner owner) {
        return owner == null ? NO_OWNER : "owner:" + owner.accountId();
    }

    static Alert alert(final String mailId, final Owner owner, final String category, final long now) {
        final Instant at = Instant.ofEpochMilli(now);
        final Map<String, String> attributes = new LinkedHashMap<>();
        if (owner != null) {
            attributes.put("ownerId", owner.accountId());
            if (owner.name() != null) {
                attributes.put("ownerName", owner.name());
            }
        }
        attributes.put("category", category);
        final String message = owner == null
                ? "A " + category + " notice has no owner, so nobody receives it"
                : "Owner " + owner.accountId() + (owner.name() == null ? "" : " (" + owner.name() + ")")
                        + " has no contacts on mail.contacts: its " + category
                        + " notice is recorded but nobody receives it; add the owner with mailroute contacts import";
        return Alert.newBuilder()
                .setAlertKey(ALERT_PREFIX + scope(owner))
                .setType(AlertType.NO_CONTACTS)
                .setLevel(AlertLevel.WARNING)
                .setScope(scope(owner))
                .setMessage(message)
                .setCount(1L)
                .setTotal(null)
                .setRate(null)
                .setThreshold(null)
                .setWindowStart(at)
                .setWindowEnd(at)
                .setSampleMailIds(List.of(mailId))
                .setAttributes(attributes)
                .setRaisedAt(at)
                .build();
    }
}
