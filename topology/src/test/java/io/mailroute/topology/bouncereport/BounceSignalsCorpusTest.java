package io.mailroute.topology.bouncereport;

import static org.assertj.core.api.Assertions.assertThat;

import io.mailroute.topology.parse.MailParseException;
import io.mailroute.topology.parse.MailParser;
import io.mailroute.topology.parse.ParsedMail;
import io.mailroute.topology.parse.ParserSettings;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;

/**
 * The gate before the classifier lets through every mail of the corpus's development half that the
 * classifier recognises (the held-out half is never read but by {@link SisimaiCorpusTest}'s count).
 */
class BounceSignalsCorpusTest {

    @Test
    void everyMailTheClassifierRecognisesPassesTheGate() throws IOException, MailParseException {
        final Path corpus = SisimaiCorpus.require();
        final BounceClassifier classifier = new BounceClassifier();
        final MailParser parser = new MailParser(ParserSettings.LENIENT);
        final List<String> stopped = new ArrayList<>();
        int recognised = 0;
        try (Stream<Path> files = Files.walk(corpus)) {
            for (final Path file : files.filter(Files::isRegularFile)
                    .filter(f -> f.toString().endsWith(".eml"))
                    .filter(f -> SisimaiCorpus.isDevelopment(corpus, f))
                    .sorted()
                    .toList()) {
                final byte[] raw = Files.readAllBytes(file);
                final ParsedMail parsed = parser.parse(raw);
                if (classifier.classify(parsed).bounces().isEmpty()) {
                    continue;
                }
                recognised++;
                if (!BounceSignals.present(raw, parsed)) {
                    stopped.add(corpus.relativize(file).toString());
                }
            }
        }
        assertThat(recognised).as("corpus bounces recognised").isGreaterThan(400);
        assertThat(stopped).as("recognised bounces the gate stops").isEmpty();
    }
}
