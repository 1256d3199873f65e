package io.mailroute.topology.bouncereport.lhost;

import static org.assertj.core.api.Assertions.assertThat;

import io.mailroute.avro.Bounce;
import io.mailroute.topology.bouncereport.BounceClassifier;
import io.mailroute.topology.bouncereport.Failure;
import io.mailroute.topology.bouncereport.GoldenTables;
import io.mailroute.topology.parse.MailParseException;
import io.mailroute.topology.parse.MailParser;
import io.mailroute.topology.parse.ParsedMail;
import io.mailroute.topology.parse.ParserSettings;
import java.io.IOException;
import java.net.URISyntaxException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Optional;
import java.util.stream.Stream;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * Golden bounces per MTA format: {@code bounces/lhost/<mta>/<case>.eml}, worded the way that MTA
 * words its reports, with one row per reported recipient in the folder's {@code expected.tsv}
 * (mail, recipient, status or {@code -} for none, reason, hard bounce, the SMTP command refused or
 * {@code -} for none).
 */
class LhostGoldenMailsTest {
    private static final MailParser PARSER = new MailParser(ParserSettings.LENIENT);
    private final BounceClassifier classifier = new BounceClassifier();

    /** One expected recipient of a golden mail. */
    record Expected(Path mail, String recipient, String status, String reason, boolean hard, String command) {
        @Override
        public String toString() {
            return mail.getParent().getFileName() + "/" + mail.getFileName() + " " + recipient;
        }
    }

    static Stream<Expected> expectedRecipients() throws IOException, URISyntaxException {
        return GoldenTables.rows("/bounces/lhost").stream()
                .map(row -> new Expected(
                        row.mail(),
                        row.cells()[1],
                        "-".equals(row.cells()[2]) ? null : row.cells()[2],
                        row.cells()[3],
                        Boolean.parseBoolean(row.cells()[4]),
                        "-".equals(row.cells()[5]) ? null : row.cells()[5]));
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("expectedRecipients")
    void shouldBeRecognisedByItsMtaReader(final Expected expected) throws IOException, MailParseException {
        // when
        final Optional<List<Failure>> failures =
                Lhosts.inspect(parse(expected.mail()).report());

        // then
        assertThat(failures).isPresent();
        assertThat(failures.get())
                .filteredOn(f -> f.recipient().equals(expected.recipient()))
                .singleElement()
                .extracting(Failure::command)
                .as("SMTP command")
                .isEqualTo(expected.command());
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("expectedRecipients")
    void shouldClassifyTheRecipientAsExpected(final Expected expected) throws IOException, MailParseException {
        // when
        final List<Bounce> bounces = classifier.classify(parse(expected.mail())).bounces();

        // then
        assertThat(bounces)
                .filteredOn(b -> b.getRecipient().equals(expected.recipient()))
                .singleElement()
                .satisfies(b -> {
                    assertThat(b.getStatus()).as("status").isEqualTo(expected.status());
                    assertThat(b.getReason()).as("reason").isEqualTo(expected.reason());
                    assertThat(b.getHardBounce()).as("hard bounce").isEqualTo(expected.hard());
                });
    }

    private static ParsedMail parse(final Path mail) throws IOException, MailParseException {
        return PARSER.parse(Files.readAllBytes(mail));
    }
}
