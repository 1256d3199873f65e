package io.mailroute.topology.bouncereport;

import static org.assertj.core.api.Assertions.assertThat;

import io.mailroute.avro.Bounce;
import io.mailroute.topology.bouncereport.SisimaiCorpus.Half;
import io.mailroute.topology.parse.MailParseException;
import io.mailroute.topology.parse.MailParser;
import io.mailroute.topology.parse.ParserSettings;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.EnumMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import org.junit.jupiter.api.Test;

/**
 * Holds the classifier to Sisimai's own expected results on the shared set-of-emails corpus:
 * the n-th expected row of a file is compared with the n-th recipient the classifier reports.
 * Agreement is reported for the development half, the held-out half and the whole; misses and
 * the confusion listing name development mails only, so that the held-out half stays unread.
 */
class SisimaiCorpusTest {
    /** Issue 7 asks for 90 % reason agreement; 93.7 % is reached, so a change that loses ground fails. */
    private static final double MIN_REASON = 0.93;
    /** Issue 7's hard/soft target (97.6 % reached). */
    private static final double MIN_HARD_SOFT = 0.97;
    /** Issue 18: mails never developed against must agree on 90 % of reasons. */
    private static final double MIN_HELD_OUT_REASON = 0.90;
    /** Issue 18: and on 97 % of hard/soft verdicts. */
    private static final double MIN_HELD_OUT_HARD_SOFT = 0.97;

    private static final boolean VERBOSE = System.getProperty("corpus.verbose") != null;

    @Test
    void reasonsAndHardSoftAgreeWithSisimai() throws IOException, MailParseException {
        final Path corpus = SisimaiCorpus.require();
        final Map<String, List<String[]>> expected = new LinkedHashMap<>();
        for (final String line : Files.readAllLines(corpus.resolve("expected-results.tsv"))) {
            final String[] f = line.split("\t", -1);
            if (f[0].equals("file") || f[2].equals("(no-expectation)")) {
                continue;
            }
            expected.computeIfAbsent(f[0], k -> new ArrayList<>()).add(f);
        }
        final BounceClassifier classifier = new BounceClassifier();
        final MailParser parser = new MailParser(ParserSettings.LENIENT);
        final Map<Half, Agreement> halves = new EnumMap<>(Half.class);
        for (final Half half : Half.values()) {
            halves.put(half, new Agreement());
        }
        final Agreement whole = new Agreement();
        final Map<String, Integer> developmentConfusion = new TreeMap<>();
        for (final Map.Entry<String, List<String[]>> file : expected.entrySet()) {
            final Half half = SisimaiCorpus.halfOf(file.getKey());
            final byte[] raw = Files.readAllBytes(corpus.resolve(file.getKey()));
            // the path the topology takes: the signals gate, then the classifier
            final List<Bounce> got = classifier.detect(raw, parser.parse(raw)).bounces();
            for (final String[] row : file.getValue()) {
                final Verdict verdict = Verdict.of(row, got);
                halves.get(half).count(verdict);
                whole.count(verdict);
                if (half == Half.DEVELOPMENT) {
                    if (!verdict.reasonAgrees()) {
                        developmentConfusion.merge(
                                verdict.expectedReason() + " -> " + verdict.reason(), 1, Integer::sum);
                    }
                    if (VERBOSE) {
                        verdict.printMisses(file.getKey());
                    }
                }
            }
        }
        System.out.printf("Sisimai corpus: %d mails%n", expected.size());
        System.out.println("  development: " + halves.get(Half.DEVELOPMENT));
        System.out.println("  held-out:    " + halves.get(Half.HELD_OUT));
        System.out.println("  whole:       " + whole);
        System.out.println("development confusion (expected -> got: count):");
        developmentConfusion.entrySet().stream()
                .sorted(Map.Entry.<String, Integer>comparingByValue().reversed())
                .forEach(e -> System.out.println("  " + e.getKey() + ": " + e.getValue()));
        assertThat(whole.reasonRate()).as("reason agreement, whole").isGreaterThanOrEqualTo(MIN_REASON);
        assertThat(whole.hardSoftRate()).as("hard/soft agreement, whole").isGreaterThanOrEqualTo(MIN_HARD_SOFT);
        assertThat(halves.get(Half.HELD_OUT).reasonRate())
                .as("reason agreement, held-out half")
                .isGreaterThanOrEqualTo(MIN_HELD_OUT_REASON);
        assertThat(halves.get(Half.HELD_OUT).hardSoftRate())
                .as("hard/soft agreement, held-out half")
                .isGreaterThanOrEqualTo(MIN_HELD_OUT_HARD_SOFT);
    }

    /** One expected row against the bounce the classifier reported in its place (null when none). */
    private record Verdict(String[] row, Bounce bounce, boolean notABounce, boolean classifiedAsBounce) {
        static Verdict of(final String[] row, final List<Bounce> got) {
            if (row[2].equals("(not-a-bounce)")) {
                return new Verdict(row, got.isEmpty() ? null : got.get(0), true, !got.isEmpty());
            }
            final int index = Integer.parseInt(row[1]) - 1;
            return new Verdict(row, index < got.size() ? got.get(index) : null, false, index < got.size());
        }

        String expectedReason() {
            return row[2];
        }

        String reason() {
            return bounce == null ? "(missing)" : bounce.getReason();
        }

        boolean reasonAgrees() {
            return notABounce ? !classifiedAsBounce : reason().equals(row[2]);
        }

        boolean hasHardSoft() {
            return !notABounce && !row[5].isEmpty();
        }

        boolean hardSoftAgrees() {
            return bounce != null && Boolean.parseBoolean(row[5]) == bounce.getHardBounce();
        }

        void printMisses(final String file) {
            if (!reasonAgrees() && !notABounce) {
                System.out.println("MISS " + file + " #" + row[1] + " " + row[2] + " -> " + reason()
                        + (bounce == null
                                ? ""
                                : " [" + bounce.getStatus() + "] " + bounce.getRecipient() + " :: "
                                        + abbreviate(bounce.getDiagnostic()).replace('\n', ' ')));
            }
            if (hasHardSoft() && !hardSoftAgrees()) {
                System.out.println("HARD " + file + " #" + row[1] + " " + row[2] + " -> " + reason());
            }
        }

        private static String abbreviate(final String text) {
            return text == null ? "" : text.length() > 160 ? text.substring(0, 160) : text;
        }
    }

    /** Counts of rows and agreeing rows, for reasons and for hard/soft verdicts. */
    private static final class Agreement {
        private int reasonRows;
        private int reasonOk;
        private int hardSoftRows;
        private int hardSoftOk;

        void count(final Verdict verdict) {
            reasonRows++;
            if (verdict.reasonAgrees()) {
                reasonOk++;
            }
            if (verdict.hasHardSoft()) {
                hardSoftRows++;
                if (verdict.hardSoftAgrees()) {
                    hardSoftOk++;
                }
            }
        }

        double reasonRate() {
            return (double) reasonOk / reasonRows;
        }

        double hardSoftRate() {
            return (double) hardSoftOk / hardSoftRows;
        }

        @Override
        public String toString() {
            return String.format(
                    "reason %d/%d = %.1f %%, hard/soft %d/%d = %.1f %%",
                    reasonOk, reasonRows, 100 * reasonRate(), hardSoftOk, hardSoftRows, 100 * hardSoftRate());
        }
    }
}
