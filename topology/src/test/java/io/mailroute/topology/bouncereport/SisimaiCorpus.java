package io.mailroute.topology.bouncereport;

import static org.junit.jupiter.api.Assumptions.assumeTrue;

import java.nio.file.Files;
import java.nio.file.Path;

/** The shared Sisimai set-of-emails corpus, found above the working directory; tests skip where it is absent. */
public final class SisimaiCorpus {
    private static final String CORPUS = "shared/corpus/sisimai-set-of-emails";

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
}
