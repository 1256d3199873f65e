package io.mailroute.connectors.helpdesk;

import io.mailroute.avro.ClassifiedMail;
import io.mailroute.avro.Delivery;
import io.mailroute.avro.DeliveryChannel;
import io.mailroute.avro.DeliveryOutcome;
import io.mailroute.connectors.delivery.DeliveryLog;
import io.mailroute.connectors.helpdesk.Helpdesk.Applied;
import io.mailroute.connectors.http.HttpPoster.Failure;
import java.time.Duration;
import java.time.Instant;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.apache.kafka.common.utils.Time;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Applies one {@code mail.ticket} record to the helpdesk and records the outcome on
 * {@code mail.deliveries} under {@code mailId|ownerId|HELPDESK}:
 *
 * <ul>
 *   <li>already DELIVERED (by this task or one before it) → nothing is sent again;
 *   <li>applied → DELIVERED with what was done and the ticket's URL, recorded durably before the next record;
 *   <li>429, 408, 5xx, a connection error or timeout → RETRYING, then {@link Retry} after the
 *       {@code Retry-After} of a 429, else a doubling backoff; after {@code retry.max.attempts}
 *       attempts FAILED and dead-lettered;
 *   <li>any other status → FAILED with the status and an excerpt of the body, dead-lettered.
 * </ul>
 */
final class HelpdeskDeliverer {
    private static final Logger log = LoggerFactory.getLogger(HelpdeskDeliverer.class);
    static final int MAX_DETAIL = 1_000;

    private final HelpdeskSinkConfig config;
    private final Helpdesk helpdesk;
    private final DeliveryLog deliveries;
    private final Time time;
    private final Map<String, Integer> attempts = new HashMap<>();

    HelpdeskDeliverer(
            final HelpdeskSinkConfig config, final Helpdesk helpdesk, final DeliveryLog deliveries, final Time time) {
        this.config = config;
        this.helpdesk = helpdesk;
        this.deliveries = deliveries;
        this.time = time;
    }

    /** What became of a record. */
    enum Result {
        /** Applied now. */
        DELIVERED,
        /** Applied before; not sent again. */
        ALREADY_DELIVERED
    }

    /** A record to dead-letter, with the reason (the HTTP status and an excerpt of the body). */
    static final class Undeliverable extends Exception {
        private static final long serialVersionUID = 1L;

        Undeliverable(final String reason, final Throwable cause) {
            super(reason, cause);
        }
    }

    /** A record to try again after {@link #backoff()}. */
    static final class Retry extends Exception {
        private static final long serialVersionUID = 1L;
        private final transient Duration backoff;

        Retry(final String reason, final Duration backoff, final Throwable cause) {
            super(reason, cause);
            this.backoff = backoff;
        }

        Duration backoff() {
            return backoff;
        }
    }

    static String key(final ClassifiedMail mail) {
        return DeliveryLog.key(mail.getMailId(), mail.getOwnerId(), DeliveryChannel.HELPDESK);
    }

    /**
     * Applies {@code mail} unless it was delivered before.
     *
     * @throws Undeliverable the record cannot succeed (recorded FAILED)
     * @throws Retry a transient failure (recorded RETRYING): call again with the same record after the backoff
     */
    Result deliver(final ClassifiedMail mail) throws Undeliverable, Retry {
        final String key = key(mail);
        if (deliveries.delivered(key)) {
            log.debug("{} was delivered before; not sent again", key);
            return Result.ALREADY_DELIVERED;
        }
        final int attempt = attempts.getOrDefault(key, 0) + 1;
        try {
            final Applied applied = helpdesk.apply(mail);
            record(mail, DeliveryOutcome.DELIVERED, applied.detail(), applied.ticketUrl(), attempt, true);
            attempts.remove(key);
            return Result.DELIVERED;
        } catch (Failure e) {
            if (e.kind() == Failure.Kind.PERMANENT) {
                throw deadLetter(mail, attempt, e.getMessage(), e);
            }
            if (attempt >= config.deliveries().retryPolicy().maxAttempts()) {
                throw deadLetter(mail, attempt, "gave up after " + attempt + " attempts: " + e.getMessage(), e);
            }
            attempts.put(key, attempt);
            record(mail, DeliveryOutcome.RETRYING, e.getMessage(), null, attempt, false);
            final Duration backoff = e.retryAfter().orElseGet(() -> backoff(attempt));
            log.info("{} failed transiently (attempt {}), retrying in {}: {}", key, attempt, backoff, e.getMessage());
            throw new Retry(key + " failed transiently: " + e.getMessage(), backoff, e);
        }
    }

    private Undeliverable deadLetter(
            final ClassifiedMail mail, final int attempt, final String reason, final Exception e) {
        attempts.remove(key(mail));
        record(mail, DeliveryOutcome.FAILED, reason, null, attempt, false);
        log.warn("{} failed: {}", key(mail), reason);
        return new Undeliverable(reason, e);
    }

    /** The wait after {@code attempt} failed: {@code retry.backoff.initial.ms} doubling up to the maximum. */
    Duration backoff(final int attempt) {
        return config.deliveries().retryPolicy().backoff(attempt);
    }

    private void record(
            final ClassifiedMail mail,
            final DeliveryOutcome outcome,
            final String detail,
            final String ticketUrl,
            final int attempt,
            final boolean durable) {
        final Delivery delivery = Delivery.newBuilder()
                .setMailId(mail.getMailId())
                .setOwnerId(mail.getOwnerId())
                .setChannel(DeliveryChannel.HELPDESK)
                .setOutcome(outcome)
                .setDetail(clip(detail))
                .setRecipients(List.of(ticketUrl == null ? config.url().toString() : ticketUrl))
                .setAttempt(attempt)
                .setAt(Instant.ofEpochMilli(time.milliseconds()))
                .build();
        deliveries.record(key(mail), delivery, durable);
    }

    static String clip(final String detail) {
        if (detail == null) {
            return null;
        }
        return detail.length() <= MAX_DETAIL ? detail : detail.substring(0, MAX_DETAIL - 1) + "…";
    }
}
