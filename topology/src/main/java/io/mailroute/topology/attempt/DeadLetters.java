package io.mailroute.topology.attempt;

import io.mailroute.avro.DeadLetter;
import io.mailroute.avro.RawRef;
import io.mailroute.avro.Stage;
import java.time.Instant;

/**
 * Builds every {@link DeadLetter} mailroute writes, the stages' ({@link Outcomes}) and the exception
 * handlers' alike: the message clipped as every record's text is, and no owner (a dead letter is
 * about the whole mail).
 */
public final class DeadLetters {
    private DeadLetters() {}

    /**
     * Where the record being processed when a mail failed was read.
     *
     * @param topic     its topic, or null when unknown
     * @param partition its partition, or null when unknown
     * @param offset    its offset, or null when unknown
     */
    public record Origin(String topic, Integer partition, Long offset) {

        /** The mail.raw record a raw reference names. */
        static Origin of(final RawRef ref) {
            return new Origin(ref.getTopic(), ref.getPartition(), ref.getOffset());
        }
    }

    /**
     * The dead letter of a mail.
     *
     * @param mailId     the mail
     * @param attempt    attempts made before giving up; 0 when the failing record was no attempt
     * @param raw        where the raw mail is
     * @param origin     the record being processed when it failed
     * @param stage      the stage that failed
     * @param errorClass an exception class or a {@code mailroute:} error code
     * @param message    why, clipped here
     * @param failedAt   when the failure was recorded
     */
    public static DeadLetter of(
            final String mailId,
            final int attempt,
            final RawRef raw,
            final Origin origin,
            final Stage stage,
            final String errorClass,
            final String message,
            final Instant failedAt) {
        return DeadLetter.newBuilder()
                .setMailId(mailId)
                .setStage(stage)
                .setErrorClass(errorClass)
                .setMessage(Outcomes.clip(message))
                .setAttempt(attempt)
                .setOwnerId(null)
                .setRaw(raw)
                .setOriginalTopic(origin.topic())
                .setOriginalPartition(origin.partition())
                .setOriginalOffset(origin.offset())
                .setFailedAt(failedAt)
                .build();
    }

    /** The dead letter of an attempt that failed at {@code stage}, on the record its raw reference names. */
    static DeadLetter of(
            final MailAttempt attempt,
            final Stage stage,
            final String errorClass,
            final String message,
            final long now) {
        return of(
                attempt.mailId(),
                attempt.number(),
                attempt.ref(),
                Origin.of(attempt.ref()),
                stage,
                errorClass,
                message,
                Instant.ofEpochMilli(now));
    }
}
