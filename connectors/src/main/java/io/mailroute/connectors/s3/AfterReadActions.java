package io.mailroute.connectors.s3;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.mailroute.connectors.s3.ObjectOffset.Outcome;
import io.mailroute.connectors.s3.ObjectProgress.Committed;
import io.mailroute.connectors.s3.S3MailSourceConfig.AfterRead;
import io.mailroute.connectors.s3.S3Objects.Copy;
import io.mailroute.s3.S3Failure;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * What happens to an object around its record. Nothing destructive happens before the record is
 * committed: {@link #stage} and {@link #quarantine} only copy (so that a record can point at where
 * the bytes will stay), and {@link #finish}, which deletes or tags, runs only for committed
 * records. Every step is idempotent, so it can run again after a restart.
 *
 * <ul>
 *   <li>{@code none}: nothing. {@code tag}: the version read is tagged once committed.</li>
 *   <li>{@code move}: copied to the move prefix before the record is sent (the record points at the
 *       copy), the original deleted once committed.</li>
 *   <li>{@code delete}: deleted once committed; a claim-checked object is first copied under the
 *       claim-check prefix so that the topology can still fetch it.</li>
 *   <li>unreadable: copied to the failed prefix with the error in its metadata before the
 *       DeadLetter is sent, the original deleted once committed; if it cannot even be copied, an
 *       {@code .error.json} sidecar is written there and the object stays where it is.</li>
 * </ul>
 */
final class AfterReadActions {
    private static final Logger log = LoggerFactory.getLogger(AfterReadActions.class);
    private static final ObjectMapper JSON = new ObjectMapper();
    private static final int METADATA_VALUE_CHARS = 512;

    static final String ERROR_CLASS_METADATA = "mailroute-error-class";
    static final String ERROR_MESSAGE_METADATA = "mailroute-error-message";
    static final String FAILED_AT_METADATA = "mailroute-failed-at";
    static final String SIDECAR_SUFFIX = ".error.json";

    /** Where a failed object's bytes are after {@link #quarantine}, and what its offset says. */
    record Quarantine(Outcome outcome, Copy location) {}

    private final S3Objects s3;
    private final S3MailSourceConfig config;

    AfterReadActions(final S3Objects s3, final S3MailSourceConfig config) {
        this.s3 = s3;
        this.config = config;
    }

    /**
     * Where the record of the mail read as {@code version} points: the object itself, or the copy
     * made now that outlives it.
     */
    Copy stage(final ObjectRef source, final ObjectVersion version, final boolean inline) {
        if (config.afterRead() == AfterRead.MOVE) {
            return s3.copy(
                    source, version, source.rebase(config.prefix(), config.moveBucket(), config.movePrefix()), null);
        }
        if (config.afterRead() == AfterRead.DELETE && !inline) {
            return s3.copy(
                    source, version, source.rebase(config.prefix(), config.bucket(), config.claimCheckPrefix()), null);
        }
        return new Copy(source, version.etag(), version.versionId());
    }

    /**
     * Copies an unreadable object to the failed prefix with the error in its metadata; if it
     * cannot be copied, records the error in a sidecar next to where it would have gone.
     */
    Quarantine quarantine(
            final ObjectRef source,
            final ObjectVersion version,
            final String errorClass,
            final String message,
            final Instant failedAt) {
        final ObjectRef target = source.rebase(config.prefix(), config.bucket(), config.failedPrefix());
        final Map<String, String> metadata = new LinkedHashMap<>();
        metadata.put(ERROR_CLASS_METADATA, ascii(errorClass));
        metadata.put(ERROR_MESSAGE_METADATA, ascii(message));
        metadata.put(FAILED_AT_METADATA, failedAt.toString());
        try {
            return new Quarantine(Outcome.FAILED, s3.copy(source, version, target, metadata));
        } catch (S3Failure e) {
            if (e.kind() == S3Failure.Kind.NOT_FOUND) {
                return new Quarantine(Outcome.VANISHED, new Copy(source, version.etag(), version.versionId()));
            }
            if (e.kind() != S3Failure.Kind.PERMANENT) {
                throw e;
            }
            log.warn(
                    "Cannot copy unreadable object {} to {} ({}); leaving it in place with a sidecar",
                    source,
                    target,
                    e.errorCode());
            s3.put(
                    new ObjectRef(target.bucket(), target.key() + SIDECAR_SUFFIX),
                    "application/json",
                    sidecar(source, version, errorClass, message, failedAt, e.getMessage()));
            return new Quarantine(Outcome.FAILED_IN_PLACE, new Copy(source, version.etag(), version.versionId()));
        }
    }

    /** Whether {@link #finish} has anything to do for an object committed with {@code offset}. */
    boolean hasWorkAfterCommit(final ObjectOffset offset) {
        return switch (offset.outcome()) {
            case INGESTED -> config.afterRead() != AfterRead.NONE;
            case FAILED -> true;
            case FAILED_IN_PLACE, VANISHED -> false;
        };
    }

    /**
     * The part that must wait for the commit: delete the originals (one request per bucket; pass
     * at most {@link S3Objects#MAX_BATCH_DELETE} objects) or tag them. A transient failure is thrown after
     * the rest was tried, and the caller offers all of them again: deleting or tagging twice is harmless.
     */
    void finish(final List<Committed> committed) {
        final Map<String, Map<String, String>> deletes = new LinkedHashMap<>();
        S3Failure transientFailure = null;
        for (final Committed done : committed) {
            final ObjectOffset offset = done.offset();
            if (!hasWorkAfterCommit(offset)) {
                continue;
            }
            if (offset.outcome() == Outcome.INGESTED && config.afterRead() == AfterRead.TAG) {
                try {
                    s3.tag(done.ref(), offset.versionId(), config.tagKey(), config.tagValue());
                } catch (S3Failure e) {
                    transientFailure = settle(done.ref(), e, transientFailure);
                }
            } else {
                deletes.computeIfAbsent(done.ref().bucket(), b -> new LinkedHashMap<>())
                        .put(done.ref().key(), offset.etag());
            }
        }
        for (final Map.Entry<String, Map<String, String>> bucket : deletes.entrySet()) {
            for (final Map.Entry<String, S3Failure> failed :
                    s3.deleteAll(bucket.getKey(), bucket.getValue()).entrySet()) {
                transientFailure =
                        settle(new ObjectRef(bucket.getKey(), failed.getKey()), failed.getValue(), transientFailure);
            }
        }
        if (transientFailure != null) {
            throw transientFailure;
        }
    }

    /** Logs a failure that ends the object's after-read action; returns the transient one to throw, rethrows fatal ones. */
    private static S3Failure settle(final ObjectRef source, final S3Failure e, final S3Failure transientSoFar) {
        switch (e.kind()) {
            case NOT_FOUND -> log.debug("{} is already gone", source);
            case CHANGED ->
                log.info("{} was replaced after it was read; the new upload stays and will be read", source);
            case PERMANENT ->
                log.warn("After-read action on {} failed for good ({}); the object stays", source, e.getMessage());
            case TRANSIENT -> {
                return transientSoFar == null ? e : transientSoFar;
            }
            case NO_SUCH_BUCKET, ACCESS_DENIED, MISCONFIGURED -> throw e;
        }
        return transientSoFar;
    }

    private static byte[] sidecar(
            final ObjectRef source,
            final ObjectVersion version,
            final String errorClass,
            final String message,
            final Instant failedAt,
            final String copyError) {
        final ObjectNode node = JSON.createObjectNode()
                .put("bucket", source.bucket())
                .put("key", source.key())
                .put("etag", version.etag())
                .put("size", version.size())
                .put("errorClass", errorClass)
                .put("message", message)
                .put("copyError", copyError)
                .put("failedAt", failedAt.toString());
        return node.toString().getBytes(StandardCharsets.UTF_8);
    }

    /** S3 user metadata travels as HTTP headers: printable ASCII only, and short. */
    private static String ascii(final String text) {
        final StringBuilder out = new StringBuilder(Math.min(text.length(), METADATA_VALUE_CHARS));
        for (int i = 0; i < text.length() && out.length() < METADATA_VALUE_CHARS; i++) {
            final char c = text.charAt(i);
            out.append(c >= 0x20 && c < 0x7f ? c : '?');
        }
        return out.toString();
    }
}
