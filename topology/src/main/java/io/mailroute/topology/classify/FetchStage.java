package io.mailroute.topology.classify;

import io.mailroute.avro.RawMail;
import io.mailroute.avro.RetryReason;
import io.mailroute.avro.Stage;
import io.mailroute.avro.Storage;
import io.mailroute.s3.ClaimCheck;
import io.mailroute.s3.S3Failure;
import io.mailroute.topology.attempt.FetchedMail;
import io.mailroute.topology.attempt.MailAttempt;
import io.mailroute.topology.attempt.Outcomes;
import io.mailroute.topology.attempt.StageResult;
import io.mailroute.topology.fetch.MailBodyStore;
import java.nio.ByteBuffer;
import java.util.List;

/**
 * Gets the bytes of a mail: inline ones from the record, claim-checked ones by redeeming the claim
 * check the connector wrote on it with the {@link MailBodyStore} (size and SHA-256 verified there).
 * What a failed fetch means is decided from its {@link S3Failure.Kind} alone ({@link #waits};
 * s3/README.md has every user's policy): the mail waits in mail.retry (TRANSIENT) or becomes a
 * dead letter with the failure's errorClass.
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
                return StageResult.done(outcomes.deadLetter(
                        attempt,
                        Stage.FETCH,
                        "mailroute:inline-content-missing",
                        "storage is INLINE but the record carries no content",
                        null,
                        null,
                        now));
            }
            return StageResult.next(new FetchedMail(attempt, bytes(mail.getContent())));
        }
        final ClaimCheck check = new ClaimCheck(
                mail.getBucket(), mail.getKey(), mail.getVersionId(), mail.getEtag(), mail.getSize(), mail.getSha256());
        final byte[] bytes;
        try {
            bytes = store.fetch(check);
        } catch (S3Failure e) {
            if (waits(e.kind())) {
                return StageResult.done(outcomes.retry(
                        attempt,
                        RetryReason.TRANSIENT,
                        List.of(),
                        e.errorClass() + ": " + e.getMessage(),
                        null,
                        null,
                        null,
                        now,
                        List.of()));
            }
            return StageResult.done(
                    outcomes.deadLetter(attempt, Stage.FETCH, e.errorClass(), e.getMessage(), null, null, now));
        }
        return StageResult.next(new FetchedMail(attempt, bytes));
    }

    /**
     * The claim-check fetch's policy: a mail waits when time or an operator can fix what failed (S3
     * is throttled or unreachable, refuses the credentials, is misconfigured, or cannot serve this
     * object for now, e.g. an archived one), and is dead-lettered when its bytes are gone or are not
     * the ones recorded. The connector fails its task on ACCESS_DENIED and MISCONFIGURED instead:
     * there no mail is lost by stopping, here every waiting mail would be.
     */
    static boolean waits(final S3Failure.Kind kind) {
        return switch (kind) {
            case TRANSIENT, ACCESS_DENIED, MISCONFIGURED, PERMANENT -> true;
            case NOT_FOUND, NO_SUCH_BUCKET, CHANGED -> false;
        };
    }

    /** The buffer's bytes, without a copy when it wraps a whole array (as Avro's decoder makes them). */
    private static byte[] bytes(final ByteBuffer buffer) {
        if (buffer.hasArray()
                && buffer.arrayOffset() == 0
                && buffer.position() == 0
                && buffer.remaining() == buffer.array().length) {
            return buffer.array();
        }
        final byte[] copy = new byte[buffer.remaining()];
        buffer.duplicate().get(copy);
        return copy;
    }
}
