package io.mailroute.topology.bouncereport;

import static org.assertj.core.api.Assertions.assertThat;

import io.mailroute.avro.Bounce;
import io.mailroute.topology.parse.MailParseException;
import io.mailroute.topology.parse.MailParser;
import io.mailroute.topology.parse.ParserSettings;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import org.junit.jupiter.api.Test;

/**
 * Holds the classifier to Sisimai's own expected results on the shared set-of-emails corpus:
 * the n-th expected row of a file is compared with the n-th recipient the classifier reports.
 */
class SisimaiCorpusTest {
    /** Issue 7 asks for 90 % reason agreement; 93.7 % is reached, so a change that loses ground fails. */
    private static final double MIN_REASON = 0.93;
    /** Issue 7's hard/soft target (97.6 % reached). */
    private static final double MIN_HARD_SOFT = 0.97;

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
        final Map<String, Integer> confusion = new TreeMap<>();
        int reasonRows = 0;
        int reasonOk = 0;
        int hardRows = 0;
        int hardOk = 0;
        for (final Map.Entry<String, List<String[]>> file : expected.entrySet()) {
            final byte[] raw = Files.readAllBytes(corpus.resolve(file.getKey()));
            // the path the topology takes: the signals gate, then the classifier
            final List<Bounce> got = classifier.detect(raw, parser.parse(raw)).bounces();
            for (final String[] row : file.getValue()) {
                if (row[2].equals("(not-a-bounce)")) {
                    reasonRows++;
                    if (got.isEmpty()) {
                        reasonOk++;
                    } else {
                        confusion.merge("(not-a-bounce) -> " + got.get(0).getReason(), 1, Integer::sum);
                    }
                    continue;
                }
                final int index = Integer.parseInt(row[1]) - 1;
                final Bounce bounce = index < got.size() ? got.get(index) : null;
                final String reason = bounce == null ? "(missing)" : bounce.getReason();
                reasonRows++;
                if (reason.equals(row[2])) {
                    reasonOk++;
                } else {
                    confusion.merge(row[2] + " -> " + reason, 1, Integer::sum);
                    if (System.getProperty("corpus.verbose") != null) {
                        System.out.println("MISS " + file.getKey() + " #" + row[1] + " " + row[2] + " -> " + reason
                                + (bounce == null
                                        ? ""
                                        : " [" + bounce.getStatus() + "] " + bounce.getRecipient() + " :: "
                                                + abbreviate(bounce.getDiagnostic())
                                                        .replace('\n', ' ')));
                    }
                }
                if (!row[5].isEmpty()) {
                    hardRows++;
                    if (bounce != null && Boolean.parseBoolean(row[5]) == bounce.getHardBounce()) {
                        hardOk++;
                    } else if (System.getProperty("corpus.verbose") != null) {
                        System.out.println("HARD " + file.getKey() + " #" + row[1] + " " + row[2] + " -> " + reason);
                    }
                }
            }
        }
        final double reasonRate = (double) reasonOk / reasonRows;
        final double hardRate = (double) hardOk / hardRows;
        System.out.printf(
                "Sisimai corpus: %d mails, reason %d/%d = %.1f %%, hard/soft %d/%d = %.1f %%%n",
                expected.size(), reasonOk, reasonRows, 100 * reasonRate, hardOk, hardRows, 100 * hardRate);
        System.out.println("confusion (expected -> got: count):");
        confusion.entrySet().stream()
                .sorted(Map.Entry.<String, Integer>comparingByValue().reversed())
                .forEach(e -> System.out.println("  " + e.getKey() + ": " + e.getValue()));
        assertThat(reasonRate).as("reason agreement").isGreaterThanOrEqualTo(MIN_REASON);
        assertThat(hardRate).as("hard/soft agreement").isGreaterThanOrEqualTo(MIN_HARD_SOFT);
    }

    private static String abbreviate(final String text) {
        return text == null ? "" : text.length() > 160 ? text.substring(0, 160) : text;
    }
}
