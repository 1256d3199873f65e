package io.mailroute.topology;

import static org.assertj.core.api.Assertions.assertThat;

import io.mailroute.avro.AuthVerdicts;
import io.mailroute.avro.ClassifiedMail;
import java.io.IOException;
import java.io.InputStream;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/**
 * Forged AWS billing notices ({@code auth/*.eml}, written for this test) through the whole topology
 * with the default rule pack: whatever a sender writes into the header, only the topmost
 * Authentication-Results of the trusted receiving server, aligned with the one From domain,
 * satisfies the rule's {@code requireAuth: DMARC_OR_DKIM}.
 */
class SenderAuthenticationTest {
    private static final String ACCOUNT = "123456789012";
    private static final String REQUIRED = "DMARC_OR_DKIM required: ";
    private static final String UNALIGNED = "no DKIM signature aligned with amazon.com";

    private TestPipeline pipeline;

    @BeforeEach
    void start() {
        pipeline = new TestPipeline("SenderAuthenticationTest");
        pipeline.addAccount(ACCOUNT, "aws-root-1@example.co.jp", "Prod");
    }

    @AfterEach
    void stop() {
        pipeline.close();
    }

    @ParameterizedTest(name = "{0}")
    @CsvSource(
            delimiter = '|',
            value = {
                "forged-dkim          | " + REQUIRED + "dmarc=FAIL, " + UNALIGNED + " (signed: evil.test)",
                "lower-forged-results | " + REQUIRED + "dmarc=FAIL, " + UNALIGNED + " (no signature passed)",
                "foreign-topmost      | " + REQUIRED + "no Authentication-Results from a trusted receiving server",
                "two-from-fields      | " + REQUIRED
                        + "dmarc=FAIL, no single From address to align a DKIM signature with" + " (signed: evil.test)",
                "spf-only             | " + REQUIRED + "dmarc=NONE, " + UNALIGNED + " (no signature passed)",
                "forged-ses-verdicts  | " + REQUIRED + "no Authentication-Results from a trusted receiving server"
            })
    void shouldQuarantineAForgedNoticeAndSayWhatFailed(final String name, final String reason) throws IOException {
        // given
        final byte[] mail = read(name);

        // when
        pipeline.send(TestPipeline.inline(name, mail));

        // then
        assertThat(pipeline.notify.isEmpty())
                .as("never forwarded to the customer")
                .isTrue();
        final ClassifiedMail quarantined = pipeline.quarantine.readValue();
        assertThat(quarantined.getRuleId()).isEqualTo("aws-billing");
        assertThat(quarantined.getQuarantineReason()).isEqualTo(reason);
    }

    @Test
    void shouldPassADkimSignatureOfASubdomainOfTheFromDomain() throws IOException {
        // given: d=mail.amazon.com signed a mail From aws-billing@amazon.com, DMARC found no policy
        final byte[] mail = read("dkim-subdomain");

        // when
        pipeline.send(TestPipeline.inline("dkim-subdomain", mail));

        // then
        assertThat(pipeline.quarantine.isEmpty()).isTrue();
        final AuthVerdicts auth = pipeline.notify.readValue().getAuth();
        assertThat(auth.getAuthservId()).isEqualTo("amazonses.com");
        assertThat(auth.getFromDomain()).isEqualTo("amazon.com");
        assertThat(auth.getDkimDomains()).containsExactly("mail.amazon.com");
        assertThat(auth.getDkimAligned()).isTrue();
        assertThat(auth.getSpfDomain()).isEqualTo("amazonses.com");
        assertThat(auth.getSpfAligned())
                .as("SES's envelope domain is not amazon.com")
                .isFalse();
    }

    private static byte[] read(final String name) throws IOException {
        try (InputStream in = SenderAuthenticationTest.class.getResourceAsStream("/auth/" + name + ".eml")) {
            return in.readAllBytes();
        }
    }
}
