package io.mailroute.topology.bouncereport;

import static org.junit.jupiter.api.Assumptions.assumeTrue;

import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;

/**
 * The shared Sisimai set-of-emails corpus, found above the working directory; tests skip where it is absent.
 * Its mails are split by a stable hash of their relative path into a development half (70 %), the
 * only mails one may read while working on the classifier, and a held-out half (30 %) that is
 * measured but never looked into.
 */
public final class SisimaiCorpus {
    private static final String CORPUS = "shared/corpus/sisimai-set-of-emails";
    private static final int DEVELOPMENT_PERCENT = 70;

    /** The two halves of the corpus. */
    public enum Half {
        DEVELOPMENT,
        HELD_OUT
    }

    private SisimaiCorpus() {}

    /** The corpus folder; skips the calling test when there is none. */
    public static Path require() {
        for (Path dir = Path.of("").toAbsolutePath(); dir != null; dir = dir.getParent()) {
            final Path candidate = dir.resolve(CORPUS);
            if (Files.isRegularFile(candidate.resolve("expected-results.tsv"))) {
                return candidate;
            }
        }
        assumeTrue(false, "corpus " + CORPUS + " not found above " + Path.of("").toAbsolutePath() + "; skipped");
        throw new IllegalStateException("unreachable");
    }

    /** The half a corpus file belongs to: the first four bytes of the SHA-256 of its relative path, modulo 100. */
    public static Half halfOf(final String relativePath) {
        final byte[] digest = sha256(relativePath.replace('\\', '/').getBytes(StandardCharsets.UTF_8));
        final long first = ((digest[0] & 0xffL) << 24)
                | ((digest[1] & 0xffL) << 16)
                | ((digest[2] & 0xffL) << 8)
                | (digest[3] & 0xffL);
        return first % 100 < DEVELOPMENT_PERCENT ? Half.DEVELOPMENT : Half.HELD_OUT;
    }

    /** True when the file, somewhere under the corpus folder, belongs to the development half. */
    public static boolean isDevelopment(final Path corpus, final Path file) {
        return halfOf(corpus.relativize(file).toString()) == Half.DEVELOPMENT;
    }

    private static byte[] sha256(final byte[] bytes) {
        try {
            return MessageDigest.getInstance("SHA-256").digest(bytes);
        } catch (final NoSuchAlgorithmException e) {
            throw new IllegalStateException("every Java platform has SHA-256", e);
        }
    }
}
