package io.mailroute.s3;

import java.io.IOException;
import java.io.InputStream;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.time.Instant;
import java.util.HexFormat;
import software.amazon.awssdk.core.ResponseBytes;
import software.amazon.awssdk.core.ResponseInputStream;
import software.amazon.awssdk.core.exception.SdkException;
import software.amazon.awssdk.core.sync.ResponseTransformer;
import software.amazon.awssdk.services.s3.S3Client;
import software.amazon.awssdk.services.s3.model.GetObjectRequest;
import software.amazon.awssdk.services.s3.model.GetObjectResponse;

/**
 * The claim-check contract on one S3 client. {@link #issue} reads an object once, counting and
 * hashing its bytes, and writes down what was read (the S3 mail source connector does, for every
 * mail); {@link #redeem} and {@link #fetch} get exactly the object a claim check names and verify
 * its size and SHA-256 (ops when it resubmits mail from S3; the topology for claim-checked mail).
 * Issuing and redeeming keep small objects in memory and stream larger ones through the digest,
 * so a 40 MB mail never sits in memory to be checked. Every failure is an {@link S3Failure}; a verification failure
 * is {@link S3Failure.Kind#CHANGED} with errorClass {@code mailroute:size-mismatch} or
 * {@code mailroute:sha256-mismatch}. Thread-safe.
 */
public final class ClaimChecks {
    /** The most bytes one object's content can be kept in memory (a Java array's limit). */
    public static final long MAX_CONTENT_BYTES = Integer.MAX_VALUE - 8;

    private static final int BUFFER_BYTES = 64 * 1024;

    /**
     * An object as read.
     *
     * @param check        the claim check of the bytes read
     * @param lastModified when S3 stored the object
     * @param content      the bytes, or null when there were more than the caller keeps
     */
    public record CheckedObject(ClaimCheck check, Instant lastModified, byte[] content) {
        public boolean hasContent() {
            return content != null;
        }
    }

    /** What was read: the digest and, when kept, the bytes. */
    private record Body(String sha256, byte[] content) {}

    private final S3Client client;

    /** Claim checks on {@code client}, which the caller owns and closes. */
    public ClaimChecks(final S3Client client) {
        this.client = client;
    }

    /**
     * Reads the current version of {@code bucket}/{@code key} once and issues its claim check.
     *
     * @param keepBytes largest object whose bytes are returned
     * @param maxBytes  largest object read at all
     * @throws S3Failure classified; {@link S3Failure#tooLarge} above {@code maxBytes} (not read), TRANSIENT when
     *                   fewer or more bytes arrive than S3 announced
     */
    public CheckedObject issue(final String bucket, final String key, final long keepBytes, final long maxBytes) {
        final String what = "GET s3://" + bucket + "/" + key;
        final ResponseInputStream<GetObjectResponse> in = S3Failure.call(
                what, () -> client.getObject(b -> b.bucket(bucket).key(key)));
        final long size = announcedSize(what, in);
        if (size > maxBytes) {
            in.abort();
            throw S3Failure.tooLarge("s3://" + bucket + "/" + key, size, maxBytes);
        }
        final GetObjectResponse response = in.response();
        final Body body = read(what, in, size, keepBytes);
        final ClaimCheck check =
                new ClaimCheck(bucket, key, response.versionId(), response.eTag(), size, body.sha256());
        return new CheckedObject(check, response.lastModified(), body.content());
    }

    /**
     * Fetches the version (when it names one) of the object {@code check} names, if it still has
     * the claim check's ETag (when it names one), and verifies its size and SHA-256.
     *
     * @param keepBytes largest object whose bytes are returned; larger ones are verified and dropped
     * @throws S3Failure classified; CHANGED {@code mailroute:size-mismatch} or {@code mailroute:sha256-mismatch}
     *                   when the bytes are not the ones the claim check records
     */
    public CheckedObject redeem(final ClaimCheck check, final long keepBytes) {
        final String what = "GET " + check.location();
        final ResponseInputStream<GetObjectResponse> in = S3Failure.call(what, () -> client.getObject(request(check)));
        final long size = announcedSize(what, in);
        if (size != check.size()) {
            in.abort();
            throw sizeMismatch(check, size);
        }
        final Body body = read(what, in, size, keepBytes);
        verifyDigest(check, body.sha256());
        return new CheckedObject(check, in.response().lastModified(), body.content());
    }

    /**
     * The verified bytes of the object {@code check} names, read within the call, so that the SDK's
     * retries and the call and attempt timeouts cover the download too (a stream thread waits on it).
     *
     * @throws S3Failure as {@link #redeem}; {@link S3Failure#tooLarge} above {@link #MAX_CONTENT_BYTES}
     */
    public byte[] fetch(final ClaimCheck check) {
        if (check.size() > MAX_CONTENT_BYTES) {
            throw S3Failure.tooLarge(check.location(), check.size(), MAX_CONTENT_BYTES);
        }
        final ResponseBytes<GetObjectResponse> bytes = S3Failure.call(
                "GET " + check.location(), () -> client.getObject(request(check), ResponseTransformer.toBytes()));
        final byte[] content = bytes.asByteArray();
        if (content.length != check.size()) {
            throw sizeMismatch(check, content.length);
        }
        verifyDigest(check, HexFormat.of().formatHex(sha256().digest(content)));
        return content;
    }

    /** GET the version the check names, if it still has the check's ETag. */
    private static GetObjectRequest request(final ClaimCheck check) {
        final GetObjectRequest.Builder request =
                GetObjectRequest.builder().bucket(check.bucket()).key(check.key());
        if (check.versionId() != null) {
            request.versionId(check.versionId());
        }
        if (check.etag() != null) {
            request.ifMatch("\"" + check.etag() + "\"");
        }
        return request.build();
    }

    private static S3Failure sizeMismatch(final ClaimCheck check, final long size) {
        return S3Failure.mailroute(
                S3Failure.Kind.CHANGED,
                "size-mismatch",
                "fetched " + size + " bytes of " + check.location() + ", expected " + check.size());
    }

    private static void verifyDigest(final ClaimCheck check, final String sha256) {
        if (!sha256.equalsIgnoreCase(check.sha256())) {
            throw S3Failure.mailroute(
                    S3Failure.Kind.CHANGED,
                    "sha256-mismatch",
                    check.location() + " has SHA-256 " + sha256 + ", expected " + check.sha256());
        }
    }

    private static long announcedSize(final String what, final ResponseInputStream<GetObjectResponse> in) {
        final Long size = in.response().contentLength();
        if (size == null) {
            in.abort();
            throw S3Failure.io(what, new IOException("no Content-Length"));
        }
        return size;
    }

    /** Reads exactly {@code size} bytes through SHA-256, keeping them when there are at most {@code keepBytes}. */
    private static Body read(
            final String what, final ResponseInputStream<GetObjectResponse> in, final long size, final long keepBytes) {
        final MessageDigest sha256 = sha256();
        try (in) {
            if (size <= Math.min(keepBytes, MAX_CONTENT_BYTES)) {
                final byte[] content = in.readNBytes((int) size);
                if (content.length != size || in.read() != -1) {
                    throw new IOException("read " + content.length + "+ bytes, Content-Length was " + size);
                }
                return new Body(HexFormat.of().formatHex(sha256.digest(content)), content);
            }
            final long read = digest(in, sha256);
            if (read != size) {
                throw new IOException("read " + read + " bytes, Content-Length was " + size);
            }
            return new Body(HexFormat.of().formatHex(sha256.digest()), null);
        } catch (IOException e) {
            throw S3Failure.io(what, e);
        } catch (SdkException e) {
            throw S3Failure.classify(what, e);
        }
    }

    private static long digest(final InputStream in, final MessageDigest sha256) throws IOException {
        final byte[] buffer = new byte[BUFFER_BYTES];
        long total = 0;
        for (int n = in.read(buffer); n >= 0; n = in.read(buffer)) {
            sha256.update(buffer, 0, n);
            total += n;
        }
        return total;
    }

    private static MessageDigest sha256() {
        try {
            return MessageDigest.getInstance("SHA-256");
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("every JVM provides SHA-256", e);
        }
    }
}
