package io.mailroute.runtime.status;

import io.mailroute.avro.Alert;
import io.mailroute.avro.ClassifiedMail;
import io.mailroute.avro.DeadLetter;
import io.mailroute.avro.Delivery;
import io.mailroute.avro.Lane;
import io.mailroute.avro.MailStatus;
import io.mailroute.avro.OwnerOutcome;
import io.mailroute.avro.RawRef;
import io.mailroute.avro.RetryMail;
import java.time.Instant;
import java.util.List;

/**
 * What the API shows of each record: plain records of strings and numbers, chosen field by field,
 * so that mail bodies (inline raw bytes, text excerpts) and anything secret never reach a response.
 * The CLI's {@code --output json} prints the same views, so a script reads one shape from either.
 */
public final class Views {
    private Views() {}

    /** Where the raw mail is. */
    public record RawView(
            String bucket, String key, long size, String sha256, String topic, Integer partition, Long offset) {
        public static RawView of(final RawRef ref) {
            return ref == null
                    ? null
                    : new RawView(
                            ref.getBucket(),
                            ref.getKey(),
                            ref.getSize(),
                            ref.getSha256(),
                            ref.getTopic(),
                            ref.getPartition(),
                            ref.getOffset());
        }
    }

    public record OwnerView(
            String ownerId, String outcome, List<String> lanes, String ruleId, String category, String detail) {
        public static OwnerView of(final OwnerOutcome owner) {
            return new OwnerView(
                    owner.getOwnerId(),
                    name(owner.getOutcome()),
                    owner.getLanes().stream().map(Lane::name).toList(),
                    owner.getRuleId(),
                    owner.getCategory(),
                    owner.getDetail());
        }
    }

    /** The latest outcome of one delivery of a mail by a sink, from {@code mail.deliveries}. */
    public record DeliveryView(
            String channel,
            String ownerId,
            String outcome,
            String detail,
            List<String> recipients,
            int attempt,
            String at) {
        public static DeliveryView of(final Delivery delivery) {
            return new DeliveryView(
                    name(delivery.getChannel()),
                    delivery.getOwnerId(),
                    name(delivery.getOutcome()),
                    delivery.getDetail(),
                    List.copyOf(delivery.getRecipients()),
                    delivery.getAttempt(),
                    time(delivery.getAt()));
        }
    }

    /** A mail's status from the status store, with its deliveries as far as this server knows them. */
    public record StatusView(
            String mailId,
            String stage,
            String outcome,
            int attempt,
            String subject,
            String from,
            String rulesVersion,
            String receivedAt,
            String updatedAt,
            List<OwnerView> owners,
            RawView raw,
            List<DeliveryView> deliveries) {
        public static StatusView of(final MailStatus status, final List<DeliveryView> deliveries) {
            return new StatusView(
                    status.getMailId(),
                    name(status.getStage()),
                    name(status.getOutcome()),
                    status.getAttempt(),
                    status.getSubject(),
                    status.getFrom(),
                    status.getRulesVersion(),
                    time(status.getReceivedAt()),
                    time(status.getUpdatedAt()),
                    status.getOwners().stream().map(OwnerView::of).toList(),
                    RawView.of(status.getRaw()),
                    List.copyOf(deliveries));
        }
    }

    /** One lane record as the lane watcher keeps it. */
    record LaneMail(
            String mailId,
            String lane,
            String ownerId,
            String ruleId,
            String category,
            String severity,
            String subject,
            String classifiedAt,
            long timestamp) {
        static LaneMail of(final ClassifiedMail mail, final long timestamp) {
            return new LaneMail(
                    mail.getMailId(),
                    name(mail.getLane()),
                    mail.getOwnerId(),
                    mail.getRuleId(),
                    mail.getCategory(),
                    name(mail.getSeverity()),
                    mail.getSubject(),
                    time(mail.getClassifiedAt()),
                    timestamp);
        }
    }

    /** A recent lane record with the mail's current outcome from the status store (null when unknown). */
    record RecentMail(
            String mailId,
            String lane,
            String ownerId,
            String ruleId,
            String category,
            String severity,
            String subject,
            String classifiedAt,
            String outcome) {
        static RecentMail of(final LaneMail mail, final String outcome) {
            return new RecentMail(
                    mail.mailId(),
                    mail.lane(),
                    mail.ownerId(),
                    mail.ruleId(),
                    mail.category(),
                    mail.severity(),
                    mail.subject(),
                    mail.classifiedAt(),
                    outcome);
        }
    }

    public record DeadLetterView(
            String mailId,
            String stage,
            String errorClass,
            String message,
            int attempt,
            String ownerId,
            String failedAt,
            RawView raw,
            int partition,
            long offset) {
        static DeadLetterView of(final TopicTail.Entry<DeadLetter> entry) {
            return of(entry.value(), entry.partition(), entry.offset());
        }

        /** A dead letter read at {@code partition} and {@code offset} of {@code mail.dlq}. */
        public static DeadLetterView of(final DeadLetter letter, final int partition, final long offset) {
            return new DeadLetterView(
                    letter.getMailId(),
                    name(letter.getStage()),
                    letter.getErrorClass(),
                    letter.getMessage(),
                    letter.getAttempt(),
                    letter.getOwnerId(),
                    time(letter.getFailedAt()),
                    RawView.of(letter.getRaw()),
                    partition,
                    offset);
        }
    }

    public record RetryView(
            String mailId,
            String reason,
            int attempt,
            int maxAttempts,
            String firstAttemptAt,
            String nextAttemptAt,
            List<String> waitingFor,
            String ownerId,
            String lastError,
            String rulesVersion,
            RawView raw) {
        public static RetryView of(final RetryMail retry) {
            return new RetryView(
                    retry.getMailId(),
                    name(retry.getReason()),
                    retry.getAttempt(),
                    retry.getMaxAttempts(),
                    time(retry.getFirstAttemptAt()),
                    time(retry.getNextAttemptAt()),
                    List.copyOf(retry.getWaitingFor()),
                    retry.getOwnerId(),
                    retry.getLastError(),
                    retry.getRulesVersion(),
                    RawView.of(retry.getRaw()));
        }
    }

    record AlertView(
            String alertKey,
            String type,
            String level,
            String scope,
            String message,
            long count,
            Long total,
            Double rate,
            Double threshold,
            String raisedAt,
            List<String> sampleMailIds) {
        static AlertView of(final Alert alert) {
            return new AlertView(
                    alert.getAlertKey(),
                    name(alert.getType()),
                    name(alert.getLevel()),
                    alert.getScope(),
                    alert.getMessage(),
                    alert.getCount(),
                    alert.getTotal(),
                    alert.getRate(),
                    alert.getThreshold(),
                    time(alert.getRaisedAt()),
                    List.copyOf(alert.getSampleMailIds()));
        }
    }

    /** Records per lane since the watcher started reading its topics from the beginning, and recent rates. */
    record LaneView(String lane, String topic, long count, double perMinuteLast1m, double perMinuteLast5m) {}

    record RuleCount(String lane, String ruleId, long count) {}

    record Lanes(List<LaneView> lanes, List<RuleCount> rules, long undecodable) {}

    /** A mail the outbox captured. */
    record OutboxMail(
            String from, List<String> to, String subject, String messageId, String mailId, String receivedAt) {
        static OutboxMail of(final Outbox.CapturedMail mail) {
            return new OutboxMail(
                    mail.from(), mail.to(), mail.subject(), mail.messageId(), mail.mailId(), time(mail.receivedAt()));
        }
    }

    /** The answer to a re-publication. */
    record Resubmitted(String mailId, int attempt, String from, String origin) {}

    private static String name(final Enum<?> value) {
        return value == null ? null : value.name();
    }

    private static String time(final Instant instant) {
        return instant == null ? null : instant.toString();
    }
}
