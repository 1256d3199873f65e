package io.mailroute.topology.bouncereport;

import static org.assertj.core.api.Assertions.assertThat;

import io.mailroute.avro.Bounce;
import io.mailroute.topology.bouncereport.reason.Reason;
import io.mailroute.topology.bouncereport.reason.Reasons;
import io.mailroute.topology.parse.MailParseException;
import io.mailroute.topology.parse.MailParser;
import io.mailroute.topology.parse.ParserSettings;
import java.io.IOException;
import java.net.URISyntaxException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Set;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * Golden bounces per reason: {@code bounces/reasons/<reason>/<case>.eml}, each worded the way
 * mail servers report that reason, most under an X.0.0 status code that leaves the decision to
 * the words.
 */
class ReasonGoldenMailsTest {
    /** Sisimai's hard bounces: recipients that cannot exist, and a domain that takes no mail for good. */
    private static final Set<String> HARD = Set.of("userunknown", "hostunknown", "hasmoved", "notaccept");

    private static final MailParser PARSER = new MailParser(ParserSettings.LENIENT);
    private final BounceClassifier classifier = new BounceClassifier();

    static Stream<Path> goldenMails() throws IOException, URISyntaxException {
        final Path root = reasonsFolder();
        try (Stream<Path> files = Files.walk(root, 2)) {
            return files.filter(f -> f.toString().endsWith(".eml")).sorted().toList().stream();
        }
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("goldenMails")
    void shouldReadTheReasonOfItsFolder(final Path mail) throws IOException, MailParseException {
        // given
        final String expected = mail.getParent().getFileName().toString();

        // when
        final List<Bounce> bounces =
                classifier.classify(PARSER.parse(Files.readAllBytes(mail))).bounces();

        // then
        assertThat(bounces).as(mail.getFileName().toString()).hasSize(1);
        assertThat(bounces.get(0).getReason()).as(mail.getFileName().toString()).isEqualTo(expected);
        assertThat(bounces.get(0).getHardBounce())
                .as(mail.getFileName().toString())
                .isEqualTo(HARD.contains(expected));
    }

    @Test
    void shouldHaveGoldenMailsForEveryReason() throws IOException, URISyntaxException {
        final Path root = reasonsFolder();
        final List<String> reasons = Stream.concat(Reasons.BY_MESSAGE.stream(), Stream.of(Reasons.VACATION))
                .map(Reason::name)
                .toList();
        assertThat(reasons)
                .allSatisfy(reason -> assertThat(root.resolve(reason)).isDirectoryContaining("glob:**.eml"));
    }

    private static Path reasonsFolder() throws URISyntaxException {
        return Path.of(
                ReasonGoldenMailsTest.class.getResource("/bounces/reasons").toURI());
    }
}
