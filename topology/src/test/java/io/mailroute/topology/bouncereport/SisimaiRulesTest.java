package io.mailroute.topology.bouncereport;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.tuple;

import io.mailroute.topology.parse.MailParseException;
import io.mailroute.topology.parse.MailParser;
import io.mailroute.topology.parse.ParserSettings;
import java.io.IOException;
import java.io.InputStream;
import java.util.List;
import org.assertj.core.groups.Tuple;
import org.junit.jupiter.api.Test;

/** One golden bounce per Sisimai rule the classifier follows: recipient, reason, status and hard/soft. */
class SisimaiRulesTest {
    private static final MailParser PARSER = new MailParser(ParserSettings.LENIENT);
    private final BounceClassifier classifier = new BounceClassifier();

    @Test
    void theSpecificCodeInTheMessageBeatsAnX00StatusField() throws IOException, MailParseException {
        assertThat(verdicts("status-in-message.eml"))
                .containsExactly(tuple("ken@example.co.jp", "securityerror", "5.7.1", false));
    }

    @Test
    void aCommentAfterTheStatusCodeIsReadAsDiagnostic() throws IOException, MailParseException {
        assertThat(verdicts("status-comment.eml")).containsExactly(tuple("mika@example.jp", "suspend", "5.2.1", false));
    }

    @Test
    void fieldsBeforeFinalRecipientBelongToItAndFacebookCodesDecide() throws IOException, MailParseException {
        assertThat(verdicts("facebook-fields-first.eml"))
                .containsExactly(
                        tuple("gone@facebook.com", "userunknown", "5.1.1", true),
                        tuple("private@facebook.com", "filtered", "5.1.1", false));
    }

    @Test
    void aReceivingHostIsRecognizedByTheReportingMta() throws IOException, MailParseException {
        assertThat(verdicts("messagelabs-reporting-mta.eml"))
                .containsExactly(tuple("yuki@example.org", "userunknown", "5.0.0", true));
        assertThat(verdicts("aol-reporting-mta.eml"))
                .containsExactly(tuple("neko@example.org", "notaccept", "5.4.4", true));
    }

    @Test
    void laPosteLabelCodesDecide() throws IOException, MailParseException {
        assertThat(verdicts("laposte-label-code.eml"))
                .containsExactly(tuple("nobody@laposte.net", "userunknown", "5.5.0", true));
    }

    @Test
    void kddiEchoingTheRecipientMeansUnknown() throws IOException, MailParseException {
        assertThat(verdicts("kddi-user-unknown.eml"))
                .containsExactly(tuple("nobody@ezweb.ne.jp", "userunknown", "5.0.0", true));
    }

    @Test
    void anUnknownUserCodeRefusedAtRcptStaysUnknownDespiteRejectedWording() throws IOException, MailParseException {
        assertThat(verdicts("address-rejected-at-rcpt.eml"))
                .containsExactly(tuple("sora@example.co.jp", "userunknown", "5.1.1", true));
    }

    @Test
    void anUnknownUserUnderAFilteredCodeIsFilteredUnlessRcptWasRefused() throws IOException, MailParseException {
        assertThat(verdicts("user-unknown-filtered.eml"))
                .containsExactly(tuple("riku@example.jp", "filtered", "5.2.1", false));
        assertThat(verdicts("qmail-recipient.eml"))
                .containsExactly(tuple("umi@example.jp", "userunknown", "5.2.1", true));
    }

    @Test
    void aRejectedStatusDecidesBeforeLaterMessagePatterns() throws IOException, MailParseException {
        assertThat(verdicts("exim-sender-domain.eml"))
                .containsExactly(tuple("hana@example.com", "rejected", "5.1.7", false));
    }

    @Test
    void mailsFollowingOneAnotherAreEachClassified() throws IOException, MailParseException {
        assertThat(verdicts("concatenated.eml"))
                .containsExactly(
                        tuple("mika@example.jp", "suspend", "5.2.1", false),
                        tuple("riku@example.jp", "filtered", "5.2.1", false));
    }

    private List<Tuple> verdicts(final String name) throws IOException, MailParseException {
        return classifier.classify(PARSER.parse(read(name))).bounces().stream()
                .map(b -> tuple(b.getRecipient(), b.getReason(), b.getStatus(), b.getHardBounce()))
                .toList();
    }

    private static byte[] read(final String name) throws IOException, MailParseException {
        try (InputStream in = SisimaiRulesTest.class.getResourceAsStream("/bounces/rules/" + name)) {
            assertThat(in).as(name).isNotNull();
            return in.readAllBytes();
        }
    }
}
