package io.mailroute.connectors.s3;

import java.io.IOException;
import java.io.InputStream;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.HexFormat;
import software.amazon.awssdk.core.ResponseInputStream;
import software.amazon.awssdk.services.s3.model.GetObjectResponse;

/**
 * Reads one mail object: small ones fully (they travel inline), larger ones streamed through
 * SHA-256 without being kept (they travel as a claim check). Either way the digest covers exactly
 * the bytes S3 announced; a short or long read is a transient failure and the object is read again.
 */
final class MailReader {
    private static final int BUFFER_BYTES = 64 * 1024;

    /** An object as read: the version GET returned, its digest and, for inline mail, its bytes. */
    record ReadMail(ObjectVersion version, String sha256, byte[] content) {
        boolean inline() {
            return content != null;
        }
    }

    private final S3Objects s3;
    private final int inlineMaxBytes;
    private final long maxObjectBytes;

    MailReader(final S3Objects s3, final int inlineMaxBytes, final long maxObjectBytes) {
        this.s3 = s3;
        this.inlineMaxBytes = inlineMaxBytes;
        this.maxObjectBytes = maxObjectBytes;
    }

    ReadMail read(final ObjectRef ref) {
        final ResponseInputStream<GetObjectResponse> in = s3.get(ref);
        final GetObjectResponse response = in.response();
        final Long announced = response.contentLength();
        if (announced == null || announced > maxObjectBytes) {
            in.abort();
            if (announced == null) {
                throw S3Failure.io("GET " + ref, new IOException("no Content-Length"));
            }
            throw tooLarge(ref, announced, maxObjectBytes);
        }
        final ObjectVersion version = new ObjectVersion(ref.key(), response.eTag(), response.lastModified(), announced,
                response.versionId());
        final MessageDigest sha256 = sha256();
        try (in) {
            if (announced <= inlineMaxBytes) {
                final byte[] content = in.readNBytes((int) (long) announced);
                if (content.length != announced || in.read() != -1) {
                    throw new IOException("read " + content.length + "+ bytes, Content-Length was " + announced);
                }
                return new ReadMail(version, HexFormat.of().formatHex(sha256.digest(content)), content);
            }
            final long read = digest(in, sha256);
            if (read != announced) {
                throw new IOException("read " + read + " bytes, Content-Length was " + announced);
            }
            return new ReadMail(version, HexFormat.of().formatHex(sha256.digest()), null);
        } catch (IOException e) {
            throw S3Failure.io("GET " + ref, e);
        }
    }

    /** The failure for an object above {@code max.object.bytes}: it is dead-lettered, never read. */
    static S3Failure tooLarge(final ObjectRef ref, final long size, final long max) {
        return S3Failure.rejected("ObjectTooLarge",
                ref + " has " + size + " bytes, more than " + S3MailSourceConfig.MAX_OBJECT_BYTES_CONFIG + "=" + max);
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
