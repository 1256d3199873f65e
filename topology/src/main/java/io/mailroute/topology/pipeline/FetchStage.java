package io.mailroute.topology.pipeline;

import io.mailroute.avro.RawMail;
import io.mailroute.avro.RetryReason;
import io.mailroute.avro.Stage;
import io.mailroute.avro.Storage;
import io.mailroute.topology.Hashes;
import io.mailroute.topology.fetch.ClaimCheck;
import io.mailroute.topology.fetch.MailBodyException;
import io.mailroute.topology.fetch.MailBodyStore;
import java.nio.ByteBuffer;
import java.util.List;

/**
 * Gets the bytes of a mail: inline ones from the record, claim-checked ones from the
 * {@link MailBodyStore}, checked against the size and SHA-256 the connector recorded. A transient
 * fetch failure waits in mail.retry (TRANSIENT); a missing or changed object is a dead letter.
 */
final class FetchStage {
    private final MailBodyStore store;
    private final Outcomes outcomes;

    FetchStage(final MailBodyStore store, final Outcomes outcomes) {
        this.store = store;
        this.outcomes = outcomes;
    }

    StageResult<FetchedMail> fetch(final MailAttempt attempt, final long now) {
        final RawMail mail = attempt.mail();
        if (mail.getStorage() == Storage.INLINE) {
            if (mail.getContent() == null) {
                return StageResult.done(outcomes.deadLetter(attempt, Stage.FETCH, "mailroute:inline-content-missing",
                        "storage is INLINE but the record carries no content", null, null, now));
            }
            return StageResult.next(new FetchedMail(attempt, bytes(mail.getContent())));
        }
        final byte[] bytes;
        try {
            bytes = store.fetch(new ClaimCheck(mail.getBucket(), mail.getKey(), mail.getVersionId(), mail.getEtag()));
        } catch (MailBodyException e) {
            if (e.isTransient()) {
                return StageResult.done(outcomes.retry(attempt, RetryReason.TRANSIENT, List.of(), e.errorClass() + ": " + e.getMessage(),
                        null, null, null, now, List.of()));
            }
            return StageResult.done(outcomes.deadLetter(attempt, Stage.FETCH, e.errorClass(), e.getMessage(), null, null, now));
        }
        if (bytes.length != mail.getSize()) {
            return StageResult.done(outcomes.deadLetter(attempt, Stage.FETCH, "mailroute:size-mismatch", "fetched " + bytes.length
                    + " bytes of s3://" + mail.getBucket() + "/" + mail.getKey() + ", expected " + mail.getSize(), null, null, now));
        }
        final String sha256 = Hashes.sha256Hex(bytes);
        if (!sha256.equalsIgnoreCase(mail.getSha256())) {
            return StageResult.done(outcomes.deadLetter(attempt, Stage.FETCH, "mailroute:sha256-mismatch", "s3://" + mail.getBucket()
                    + "/" + mail.getKey() + " has SHA-256 " + sha256 + ", expected " + mail.getSha256(), null, null, now));
        }
        return StageResult.next(new FetchedMail(attempt, bytes));
    }

    /** The buffer's bytes, without a copy when it wraps a whole array (as Avro's decoder makes them). */
    private static byte[] bytes(final ByteBuffer buffer) {
        if (buffer.hasArray() && buffer.arrayOffset() == 0 && buffer.position() == 0 && buffer.remaining() == buffer.array().length) {
            return buffer.array();
        }
        final byte[] copy = new byte[buffer.remaining()];
        buffer.duplicate().get(copy);
        return copy;
    }
}
