package io.mailroute.topology.bounce;

import io.mailroute.avro.SentCount;
import java.util.Locale;

/**
 * The scopes bounce rates are measured in, by key: {@code owner:<id>} and {@code domain:<name>}
 * (lower-cased). The bounce stage repartitions its rate sightings by these keys and
 * {@code mail.sent-counts} is keyed by them, so an owner's or domain's sent counts reach the task
 * that measures its rate.
 */
public final class RateScope {
    static final String OWNER = "owner:";
    static final String DOMAIN = "domain:";

    private RateScope() {}

    public static String owner(final String ownerId) {
        return OWNER + ownerId;
    }

    public static String domain(final String domain) {
        return DOMAIN + domain.toLowerCase(Locale.ROOT);
    }

    /** The scope a sent count is for; null for a scope this version does not know. */
    public static String of(final SentCount count) {
        return switch (count.getScope()) {
            case OWNER -> owner(count.getId());
            case DOMAIN -> domain(count.getId());
            case OTHER -> null;
        };
    }
}
