package io.mailroute.connectors.smtp;

import io.mailroute.avro.ClassifiedMail;
import io.mailroute.avro.Delivery;
import io.mailroute.avro.DeliveryChannel;
import io.mailroute.avro.DeliveryOutcome;
import io.mailroute.connectors.delivery.DeliveryLog;
import io.mailroute.connectors.smtp.NoticeComposer.Original;
import io.mailroute.connectors.smtp.SmtpSender.Accepted;
import io.mailroute.connectors.smtp.SmtpSender.SmtpFailure;
import io.mailroute.s3.S3Failure;
import jakarta.mail.MessagingException;
import jakarta.mail.internet.MimeMessage;
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
 * Delivers one notice per (mail, owner) and records the outcome on {@code mail.deliveries}:
 *
 * <ul>
 *   <li>already DELIVERED (by this task or one before it) → nothing is sent again;
 *   <li>no contacts or no recipients → FAILED "no recipients", nothing sent;
 *   <li>accepted → DELIVERED with the server's reply, recorded durably before the next notice;
 *   <li>4xx or a connection problem → RETRYING, then {@link Retry} after a doubling backoff; after
 *       {@code retry.max.attempts} attempts FAILED and dead-lettered;
 *   <li>5xx → FAILED with the reply, dead-lettered;
 *   <li>refused credentials → the task fails.
 * </ul>
 */
final class NoticeDeliverer {
    private static final Logger log = LoggerFactory.getLogger(NoticeDeliverer.class);
    static final int MAX_DETAIL = 1_000;
    static final String NO_RECIPIENTS = "no recipients";

    private final SmtpSinkConfig config;
    private final NoticeComposer composer;
    private final SmtpSender sender;
    private final OriginalMails originals;
    private final DeliveryLog deliveries;
    private final Time time;
    private final Map<String, Integer> attempts = new HashMap<>();

    NoticeDeliverer(
            final SmtpSinkConfig config,
            final NoticeComposer composer,
            final SmtpSender sender,
            final OriginalMails originals,
            final DeliveryLog deliveries,
            final Time time) {
        this.config = config;
        this.composer = composer;
        this.sender = sender;
        this.originals = originals;
        this.deliveries = deliveries;
        this.time = time;
    }

    /** What became of a notice. */
    enum Result {
        /** Sent now. */
        DELIVERED,
        /** Sent before; not sent again. */
        ALREADY_DELIVERED,
        /** Given up without a dead letter (no recipients). */
        FAILED
    }

    /** A notice to dead-letter, with the reason (for 5xx the server's reply). */
    static final class Undeliverable extends Exception {
        private static final long serialVersionUID = 1L;

        Undeliverable(final String reason, final Throwable cause) {
            super(reason, cause);
        }
    }

    /** A notice to try again after {@link #backoff()}. */
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

    /**
     * Delivers the notice for {@code mail}.
     *
     * @throws Undeliverable the notice cannot be delivered (recorded FAILED)
     * @throws Retry a transient failure (recorded RETRYING): call again for the same record after the backoff
     */
    Result deliver(final ClassifiedMail mail) throws Undeliverable, Retry {
        final String key = DeliveryLog.key(mail.getMailId(), mail.getOwnerId(), DeliveryChannel.SMTP);
        if (deliveries.delivered(key)) {
            log.debug("Notice {} was delivered before; not sent again", key);
            return Result.ALREADY_DELIVERED;
        }
        final List<String> recipients = mail.getOwnerContacts() == null
                ? List.of()
                : mail.getOwnerContacts().getRecipients().stream()
                        .filter(r -> r != null && !r.isBlank())
                        .toList();
        if (recipients.isEmpty()) {
            record(key, mail, DeliveryOutcome.FAILED, NO_RECIPIENTS, List.of(), 1, false);
            log.warn("Notice {} not sent: {}", key, NO_RECIPIENTS);
            return Result.FAILED;
        }
        final int attempt = attempts.getOrDefault(key, 0) + 1;
        try {
            final Original original = originals.fetch(mail.getRaw());
            final MimeMessage message = composer.compose(mail, recipients, original);
            final Accepted accepted = sender.send(message);
            String detail = accepted.reply();
            if (!accepted.refused().isEmpty()) {
                detail += "; refused: " + String.join(", ", accepted.refused());
            }
            if (original.content().isEmpty()) {
                detail += "; original not attached: " + original.missingReason();
            }
            final List<String> sentTo = recipients.stream()
                    .filter(r -> accepted.refused().stream().noneMatch(x -> x.equalsIgnoreCase(r)))
                    .toList();
            record(key, mail, DeliveryOutcome.DELIVERED, detail, sentTo, attempt, true);
            attempts.remove(key);
            return Result.DELIVERED;
        } catch (SmtpFailure e) {
            return switch (e.kind()) {
                case TRANSIENT -> retry(key, mail, recipients, attempt, e);
                case PERMANENT -> deadLetter(key, mail, recipients, attempt, e.getMessage(), e);
                case FATAL -> throw new ConnectException(e.getMessage(), e);
            };
        } catch (S3Failure e) {
            return retry(key, mail, recipients, attempt, e);
        } catch (MessagingException e) {
            return deadLetter(key, mail, recipients, attempt, "cannot compose the notice: " + e.getMessage(), e);
        }
    }

    private Result retry(
            final String key,
            final ClassifiedMail mail,
            final List<String> recipients,
            final int attempt,
            final RuntimeException e)
            throws Retry, Undeliverable {
        if (attempt >= config.deliveries().retryPolicy().maxAttempts()) {
            return deadLetter(
                    key, mail, recipients, attempt, "gave up after " + attempt + " attempts: " + e.getMessage(), e);
        }
        attempts.put(key, attempt);
        record(key, mail, DeliveryOutcome.RETRYING, e.getMessage(), recipients, attempt, false);
        final Duration backoff = backoff(attempt);
        log.info(
                "Notice {} failed transiently (attempt {}), retrying in {}: {}", key, attempt, backoff, e.getMessage());
        throw new Retry("Notice " + key + " failed transiently: " + e.getMessage(), backoff, e);
    }

    private Result deadLetter(
            final String key,
            final ClassifiedMail mail,
            final List<String> recipients,
            final int attempt,
            final String reason,
            final Exception e)
            throws Undeliverable {
        attempts.remove(key);
        record(key, mail, DeliveryOutcome.FAILED, reason, recipients, attempt, false);
        log.warn("Notice {} failed: {}", key, reason);
        throw new Undeliverable(reason, e);
    }

    /** The wait after {@code attempt} failed: {@code retry.backoff.initial.ms} doubling up to the maximum. */
    Duration backoff(final int attempt) {
        return config.deliveries().retryPolicy().backoff(attempt);
    }

    private void record(
            final String key,
            final ClassifiedMail mail,
            final DeliveryOutcome outcome,
            final String detail,
            final List<String> recipients,
            final int attempt,
            final boolean durable) {
        final Delivery delivery = Delivery.newBuilder()
                .setMailId(mail.getMailId())
                .setOwnerId(mail.getOwnerId())
                .setChannel(DeliveryChannel.SMTP)
                .setOutcome(outcome)
                .setDetail(clip(detail))
                .setRecipients(recipients)
                .setAttempt(attempt)
                .setAt(Instant.ofEpochMilli(time.milliseconds()))
                .build();
        deliveries.record(key, delivery, durable);
    }

    static String clip(final String detail) {
        if (detail == null) {
            return null;
        }
        return detail.length() <= MAX_DETAIL ? detail : detail.substring(0, MAX_DETAIL - 1) + "…";
    }
}
