package io.mailroute.topology.bouncereport;

import static org.assertj.core.api.Assertions.assertThat;

import io.mailroute.topology.parse.MailParser;
import io.mailroute.topology.parse.ParserSettings;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/** The gate in front of the classifier: bounces pass, the everyday mail of the golden set does not. */
class BounceSignalsTest {
    private final MailParser parser = new MailParser(ParserSettings.LENIENT);

    @ParameterizedTest
    @ValueSource(
            strings = {
                "/bounces/arf-report.eml",
                "/bounces/carrier-au.eml",
                "/bounces/exchange-ndr.eml",
                "/bounces/postfix-dsn.eml",
                "/bounces/ses-bounce.eml",
                "/bounces/vacation-autoreply.eml",
                "/mails/dsn-user-unknown.eml"
            })
    void bouncesPass(final String name) throws Exception {
        final byte[] raw = read(name);
        assertThat(BounceSignals.present(raw, parser.parse(raw))).isTrue();
    }

    @ParameterizedTest
    @ValueSource(
            strings = {
                "/bounces/not-a-bounce.eml",
                "/mails/aws-billing-en.eml",
                "/mails/aws-health-ja.eml",
                "/mails/rakuten-order.eml",
                "/mails/amazon-seller-order.eml",
                "/mails/unclassified-newsletter.eml"
            })
    void everydayMailIsStopped(final String name) throws Exception {
        final byte[] raw = read(name);
        assertThat(BounceSignals.present(raw, parser.parse(raw))).isFalse();
    }

    @ParameterizedTest
    @ValueSource(strings = {"/bounces/postfix-dsn.eml", "/bounces/exchange-ndr.eml"})
    void bouncesWithOldMacNewlinesPass(final String name) throws Exception {
        final byte[] raw = new String(read(name), StandardCharsets.ISO_8859_1)
                .replace("\r\n", "\r")
                .replace('\n', '\r')
                .getBytes(StandardCharsets.ISO_8859_1);
        assertThat(BounceSignals.present(raw, parser.parse(raw))).isTrue();
    }

    private static byte[] read(final String name) throws IOException {
        try (InputStream in = BounceSignalsTest.class.getResourceAsStream(name)) {
            assertThat(in).as(name).isNotNull();
            return in.readAllBytes();
        }
    }
}
