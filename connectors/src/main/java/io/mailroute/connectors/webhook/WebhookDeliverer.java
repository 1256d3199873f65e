package io.mailroute.connectors.webhook;

import io.mailroute.avro.Delivery;
import io.mailroute.avro.DeliveryChannel;
import io.mailroute.avro.DeliveryOutcome;
import io.mailroute.connectors.delivery.DeliveryLog;
import io.mailroute.connectors.http.HttpPoster;
import io.mailroute.connectors.http.HttpPoster.Accepted;
import io.mailroute.connectors.http.HttpPoster.Failure;
import java.net.URI;
import java.time.Duration;
import java.time.Instant;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.apache.kafka.common.utils.Time;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Posts one JSON document per delivery and records the outcome on {@code mail.deliveries}:
 *
 * <ul>
 *   <li>already DELIVERED (by this task or one before it) → nothing is posted again;
 *   <li>2xx → DELIVERED with the status and an excerpt of the answer, recorded durably before the next post;
 *   <li>429, 408, 5xx, a connection error or timeout → RETRYING, then {@link Retry} after the
 *       {@code Retry-After} of a 429, else a doubling backoff; after {@code retry.max.attempts}
 *       attempts FAILED and dead-lettered;
 *   <li>any other status → FAILED with the status and an excerpt of the body, dead-lettered.
 * </ul>
 */
final class WebhookDeliverer {
    private static final Logger log = LoggerFactory.getLogger(WebhookDeliverer.class);
    static final int MAX_DETAIL = 1_000;

    private final WebhookSinkConfig config;
    private final HttpPoster poster;
    private final DeliveryLog deliveries;
    private final Time time;
    private final Map<String, Integer> attempts = new HashMap<>();

    WebhookDeliverer(
            final WebhookSinkConfig config, final HttpPoster poster, final DeliveryLog deliveries, final Time time) {
        this.config = config;
        this.poster = poster;
        this.deliveries = deliveries;
        this.time = time;
    }

    /** One document to post, and the delivery it is recorded as. */
    record Post(
            String mailId, String ownerId, DeliveryChannel channel, URI url, String json, Map<String, String> headers) {
        String key() {
            return DeliveryLog.key(mailId, ownerId, channel);
        }
    }

    /** What became of a post. */
    enum Result {
        /** Posted now. */
        DELIVERED,
        /** Posted before; not posted again. */
        ALREADY_DELIVERED
    }

    /** A post to dead-letter, with the reason (the HTTP status and an excerpt of the body). */
    static final class Undeliverable extends Exception {
        private static final long serialVersionUID = 1L;

        Undeliverable(final String reason, final Throwable cause) {
            super(reason, cause);
        }
    }

    /** A post to try again after {@link #backoff()}. */
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

    /** Whether {@code post} was delivered before. */
    boolean delivered(final Post post) {
        return deliveries.delivered(post.key());
    }

    /**
     * Posts {@code post} unless it was delivered before.
     *
     * @throws Undeliverable the post cannot succeed (recorded FAILED)
     * @throws Retry a transient failure (recorded RETRYING): call again with the same post after the backoff
     */
    Result deliver(final Post post) throws Undeliverable, Retry {
        final String key = post.key();
        if (deliveries.delivered(key)) {
            log.debug("{} was delivered before; not posted again", key);
            return Result.ALREADY_DELIVERED;
        }
        final int attempt = attempts.getOrDefault(key, 0) + 1;
        try {
            final Accepted accepted = poster.post(post.url(), post.json(), post.headers());
            record(post, DeliveryOutcome.DELIVERED, accepted.detail(), attempt, true);
            attempts.remove(key);
            return Result.DELIVERED;
        } catch (Failure e) {
            if (e.kind() == Failure.Kind.PERMANENT) {
                throw deadLetter(post, attempt, e.getMessage(), e);
            }
            if (attempt >= config.deliveries().retryPolicy().maxAttempts()) {
                throw deadLetter(post, attempt, "gave up after " + attempt + " attempts: " + e.getMessage(), e);
            }
            attempts.put(key, attempt);
            record(post, DeliveryOutcome.RETRYING, e.getMessage(), attempt, false);
            final Duration backoff = e.retryAfter().orElseGet(() -> backoff(attempt));
            log.info("{} failed transiently (attempt {}), retrying in {}: {}", key, attempt, backoff, e.getMessage());
            throw new Retry(key + " failed transiently: " + e.getMessage(), backoff, e);
        }
    }

    private Undeliverable deadLetter(final Post post, final int attempt, final String reason, final Exception e) {
        attempts.remove(post.key());
        record(post, DeliveryOutcome.FAILED, reason, attempt, false);
        log.warn("{} failed: {}", post.key(), reason);
        return new Undeliverable(reason, e);
    }

    /** The wait after {@code attempt} failed: {@code retry.backoff.initial.ms} doubling up to the maximum. */
    Duration backoff(final int attempt) {
        return config.deliveries().retryPolicy().backoff(attempt);
    }

    private void record(
            final Post post,
            final DeliveryOutcome outcome,
            final String detail,
            final int attempt,
            final boolean durable) {
        final Delivery delivery = Delivery.newBuilder()
                .setMailId(post.mailId())
                .setOwnerId(post.ownerId())
                .setChannel(post.channel())
                .setOutcome(outcome)
                .setDetail(clip(detail))
                .setRecipients(List.of(HttpPoster.where(post.url())))
                .setAttempt(attempt)
                .setAt(Instant.ofEpochMilli(time.milliseconds()))
                .build();
        deliveries.record(post.key(), delivery, durable);
    }

    static String clip(final String detail) {
        if (detail == null) {
            return null;
        }
        return detail.length() <= MAX_DETAIL ? detail : detail.substring(0, MAX_DETAIL - 1) + "…";
    }
}
