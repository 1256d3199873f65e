package io.mailroute.connectors.smtp;

import io.mailroute.avro.RawRef;
import io.mailroute.connectors.smtp.NoticeComposer.Original;
import io.mailroute.s3.ClaimCheck;
import io.mailroute.s3.ClaimChecks;
import io.mailroute.s3.S3Failure;
import java.util.Optional;
import java.util.function.Function;
import org.apache.kafka.connect.errors.ConnectException;

/**
 * The original mail of a notice, by the record's {@link RawRef}: fetched from S3 by claim check
 * (version and ETag as recorded, size and SHA-256 verified). Failures are read with the s3
 * module's one classification: a transient one is retried with the notice, credentials or
 * configuration the task cannot use fail the task. A mail no longer in S3 (gone, changed, its
 * bucket removed) is taken from the inline {@code mail.raw} record the reference names, when there
 * is one; otherwise it is named in the notice instead of attached.
 */
final class OriginalMails {
    private final Function<ClaimCheck, byte[]> fetch;
    private final Function<RawRef, Optional<byte[]>> rawRecord;
    private final long maxBytes;

    OriginalMails(final ClaimChecks claimChecks, final RawRecordReader rawRecords, final long maxBytes) {
        this(claimChecks::fetch, rawRecords::read, maxBytes);
    }

    OriginalMails(
            final Function<ClaimCheck, byte[]> fetch,
            final Function<RawRef, Optional<byte[]>> rawRecord,
            final long maxBytes) {
        this.fetch = fetch;
        this.rawRecord = rawRecord;
        this.maxBytes = maxBytes;
    }

    /** Nothing is attached at all ({@code attach.original=false}). */
    static OriginalMails none() {
        return new OriginalMails(check -> null, ref -> Optional.empty(), -1);
    }

    /**
     * The bytes to attach, or why there are none.
     *
     * @throws S3Failure a {@link S3Failure.Kind#TRANSIENT} one: try the notice again later
     */
    Original fetch(final RawRef ref) {
        if (maxBytes < 0) {
            return Original.missing("not attached by configuration");
        }
        if (ref.getSize() > maxBytes) {
            return Original.missing(ref.getSize() + " bytes, over the attachment limit of " + maxBytes);
        }
        final ClaimCheck check = new ClaimCheck(
                ref.getBucket(), ref.getKey(), ref.getVersionId(), ref.getEtag(), ref.getSize(), ref.getSha256());
        try {
            return Original.of(fetch.apply(check));
        } catch (S3Failure e) {
            switch (e.kind()) {
                case TRANSIENT -> throw e;
                case ACCESS_DENIED, MISCONFIGURED ->
                    throw new ConnectException(
                            "Cannot fetch original mails from S3 as configured: " + e.getMessage(), e);
                default -> {
                    return rawRecord.apply(ref).map(Original::of).orElseGet(() -> Original.missing(e.errorClass()));
                }
            }
        }
    }
}
