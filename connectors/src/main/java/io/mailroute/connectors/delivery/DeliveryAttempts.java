package io.mailroute.connectors.delivery;

import io.mailroute.avro.Delivery;
import io.mailroute.avro.DeliveryChannel;
import io.mailroute.avro.DeliveryOutcome;
import java.time.Duration;
import java.time.Instant;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.apache.kafka.common.utils.Time;
import org.apache.kafka.connect.errors.ConnectException;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Runs one delivery attempt of a sink and records its outcome on {@code mail.deliveries} under
 * {@code mailId|ownerId|channel}, the same way for every channel:
 *
 * <ul>
 *   <li>already DELIVERED (by this task or one before it) → nothing is attempted again;
 *   <li>reached → DELIVERED with the remote's reply, recorded durably before the next record;
 *   <li>{@link DeliveryFailure.Kind#TRANSIENT} → RETRYING, then {@link Retry} after the remote's
 *       retry-after, else the policy's doubling backoff; after {@code retry.max.attempts} attempts
 *       FAILED "gave up after N attempts" and {@link Undeliverable};
 *   <li>{@link DeliveryFailure.Kind#PERMANENT} → FAILED with the reason, {@link Undeliverable};
 *   <li>{@link DeliveryFailure.Kind#FATAL} → the task fails.
 * </ul>
 *
 * Attempts are counted per key in memory, from 1, as long as the same record is handed again.
 */
public final class DeliveryAttempts {
    private static final Logger log = LoggerFactory.getLogger(DeliveryAttempts.class);
    public static final int MAX_DETAIL = 1_000;

    private final DeliveryLog deliveries;
    private final RetryPolicy policy;
    private final Time time;
    private final Map<String, Integer> attempts = new HashMap<>();

    public DeliveryAttempts(final DeliveryLog deliveries, final RetryPolicy policy, final Time time) {
        this.deliveries = deliveries;
        this.policy = policy;
        this.time = time;
    }

    /** What became of a record. */
    public enum Result {
        /** Delivered now. */
        DELIVERED,
        /** Delivered before; not attempted again. */
        ALREADY_DELIVERED,
        /** Given up without an attempt and without a dead letter ({@link #refuse}). */
        FAILED
    }

    /** What a delivery is recorded as: its key's parts and whom it is meant to reach. */
    public record Target(String mailId, String ownerId, DeliveryChannel channel, List<String> recipients) {
        public String key() {
            return DeliveryLog.key(mailId, ownerId, channel);
        }
    }

    /** The remote's answer to an attempt that went through, and whom it actually reached. */
    public record Reply(String detail, List<String> reached) {}

    /** One attempt of a channel: its reply, or its failure classified. */
    @FunctionalInterface
    public interface Attempt {
        Reply run() throws DeliveryFailure;
    }

    /**
     * Runs {@code attempt} for {@code target} unless it was delivered before.
     *
     * @throws Undeliverable given up (recorded FAILED)
     * @throws Retry a transient failure (recorded RETRYING): hand the same record again after the backoff
     */
    public Result deliver(final Target target, final Attempt attempt) throws Retry, Undeliverable {
        final String key = target.key();
        if (deliveries.delivered(key)) {
            log.debug("{} was delivered before; not delivered again", key);
            return Result.ALREADY_DELIVERED;
        }
        final int number = attempts.getOrDefault(key, 0) + 1;
        final Reply reply;
        try {
            reply = attempt.run();
        } catch (DeliveryFailure e) {
            if (e.kind() == DeliveryFailure.Kind.FATAL) {
                throw new ConnectException(e.getMessage(), e.getCause());
            }
            if (e.kind() == DeliveryFailure.Kind.PERMANENT) {
                throw deadLetter(target, number, e.getMessage(), e.getCause());
            }
            if (number >= policy.maxAttempts()) {
                throw deadLetter(
                        target, number, "gave up after " + number + " attempts: " + e.getMessage(), e.getCause());
            }
            throw retry(target, number, e);
        }
        record(target, DeliveryOutcome.DELIVERED, reply.detail(), reply.reached(), number, true);
        attempts.remove(key);
        return Result.DELIVERED;
    }

    /** Records {@code target} FAILED with {@code reason}, unattempted and not dead-lettered, unless it was delivered before. */
    public Result refuse(final Target target, final String reason) {
        if (deliveries.delivered(target.key())) {
            log.debug("{} was delivered before; not delivered again", target.key());
            return Result.ALREADY_DELIVERED;
        }
        record(target, DeliveryOutcome.FAILED, reason, target.recipients(), 1, false);
        log.warn("{} not delivered: {}", target.key(), reason);
        return Result.FAILED;
    }

    private Retry retry(final Target target, final int attempt, final DeliveryFailure failure) {
        final String key = target.key();
        attempts.put(key, attempt);
        record(target, DeliveryOutcome.RETRYING, failure.getMessage(), target.recipients(), attempt, false);
        final Duration backoff = failure.retryAfter().orElseGet(() -> policy.backoff(attempt));
        log.info("{} failed transiently (attempt {}), retrying in {}: {}", key, attempt, backoff, failure.getMessage());
        return new Retry(key + " failed transiently: " + failure.getMessage(), backoff, failure.getCause());
    }

    private Undeliverable deadLetter(
            final Target target, final int attempt, final String reason, final Throwable cause) {
        attempts.remove(target.key());
        record(target, DeliveryOutcome.FAILED, reason, target.recipients(), attempt, false);
        log.warn("{} failed: {}", target.key(), reason);
        return new Undeliverable(reason, cause);
    }

    private void record(
            final Target target,
            final DeliveryOutcome outcome,
            final String detail,
            final List<String> recipients,
            final int attempt,
            final boolean durable) {
        final Delivery delivery = Delivery.newBuilder()
                .setMailId(target.mailId())
                .setOwnerId(target.ownerId())
                .setChannel(target.channel())
                .setOutcome(outcome)
                .setDetail(clip(detail))
                .setRecipients(recipients)
                .setAttempt(attempt)
                .setAt(Instant.ofEpochMilli(time.milliseconds()))
                .build();
        deliveries.record(target.key(), delivery, durable);
    }

    /** {@code detail} cut to {@value #MAX_DETAIL} characters, an ellipsis marking the cut. */
    public static String clip(final String detail) {
        if (detail == null) {
            return null;
        }
        return detail.length() <= MAX_DETAIL ? detail : detail.substring(0, MAX_DETAIL - 1) + "…";
    }
}
