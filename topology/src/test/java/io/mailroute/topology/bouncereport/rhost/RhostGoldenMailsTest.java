package io.mailroute.topology.bouncereport.rhost;

import static org.assertj.core.api.Assertions.assertThat;

import io.mailroute.avro.Bounce;
import io.mailroute.topology.bouncereport.BounceClassifier;
import io.mailroute.topology.bouncereport.GoldenTables;
import io.mailroute.topology.parse.MailParseException;
import io.mailroute.topology.parse.MailParser;
import io.mailroute.topology.parse.ParserSettings;
import java.io.IOException;
import java.net.URISyntaxException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Locale;
import java.util.stream.Stream;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * Golden bounces per receiving host: {@code bounces/rhost/<host>/<case>.eml}, worded the way that
 * host words its refusals, with one row per recipient in the folder's {@code expected.tsv} (mail,
 * recipient, reason). The host's own wording must give the reason, and the whole classifier must
 * report it.
 */
class RhostGoldenMailsTest {
    private static final MailParser PARSER = new MailParser(ParserSettings.LENIENT);
    private final BounceClassifier classifier = new BounceClassifier();

    /** One expected recipient of a golden mail. */
    record Expected(Path mail, String recipient, String reason) {
        @Override
        public String toString() {
            return mail.getParent().getFileName() + "/" + mail.getFileName() + " " + recipient;
        }
    }

    static Stream<Expected> expectedRecipients() throws IOException, URISyntaxException {
        return GoldenTables.rows("/bounces/rhost").stream()
                .map(row -> new Expected(row.mail(), row.cells()[1], row.cells()[2]));
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("expectedRecipients")
    void shouldBeReadByTheHostsOwnWording(final Expected expected) throws IOException, MailParseException {
        // when
        final List<Bounce> bounces = classifier
                .classify(PARSER.parse(Files.readAllBytes(expected.mail())))
                .bounces();

        // then
        assertThat(bounces)
                .filteredOn(b -> b.getRecipient().equals(expected.recipient()))
                .singleElement()
                .satisfies(b -> {
                    assertThat(Rhosts.reason(
                                    b.getRecipient(),
                                    null,
                                    null,
                                    b.getStatus(),
                                    null,
                                    b.getDiagnostic().toLowerCase(Locale.ROOT)))
                            .as("the host's own reason")
                            .isEqualTo(expected.reason());
                    assertThat(b.getReason()).as("reason").isEqualTo(expected.reason());
                });
    }
}
