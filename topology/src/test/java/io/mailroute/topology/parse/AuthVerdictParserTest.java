package io.mailroute.topology.parse;

import static org.assertj.core.api.Assertions.assertThat;

import io.mailroute.avro.AuthVerdicts;
import io.mailroute.avro.Verdict;
import java.nio.charset.StandardCharsets;
import java.util.Set;
import org.junit.jupiter.api.Test;

/** What the parser believes of a mail's Authentication-Results and SES verdict headers. */
class AuthVerdictParserTest {
    private static final MailParser SES = new MailParser(ParserSettings.LENIENT);

    @Test
    void shouldReadTheSpfPropertiesSesWritesAsPartsOfTheirOwn() throws Exception {
        // given
        final String results = "Authentication-Results: amazonses.com;\n spf=pass (spfCheck: domain of"
                + " mail.example.co.jp; designates 192.0.2.1 as permitted sender) client-ip=192.0.2.1;"
                + " envelope-from=bounce@mail.example.co.jp; helo=mx.example.co.jp;\n"
                + " dkim=pass (good; key) header.i=\"@example.co.jp\";\n dmarc=pass header.from=example.co.jp;\n";

        // when
        final AuthVerdicts auth = parse(results + "From: Shop <info@example.co.jp>\n");

        // then
        assertThat(auth.getAuthservId()).isEqualTo("amazonses.com");
        assertThat(auth.getSpf()).isEqualTo(Verdict.PASS);
        assertThat(auth.getSpfDomain()).isEqualTo("mail.example.co.jp");
        assertThat(auth.getSpfAligned()).isTrue();
        assertThat(auth.getDkimDomains()).containsExactly("example.co.jp");
        assertThat(auth.getDkimAligned()).isTrue();
        assertThat(auth.getDmarc()).isEqualTo(Verdict.PASS);
    }

    @Test
    void shouldCheckTheHeloNameWhenTheEnvelopeSenderIsEmpty() throws Exception {
        // when
        final AuthVerdicts auth = parse("Authentication-Results: amazonses.com; spf=pass smtp.mailfrom=<>"
                + " smtp.helo=mx.example.net\nFrom: MAILER-DAEMON@mx.example.net\n");

        // then
        assertThat(auth.getSpfDomain()).isEqualTo("mx.example.net");
        assertThat(auth.getSpfAligned()).isTrue();
        assertThat(auth.getDkimAligned()).isFalse();
    }

    @Test
    void shouldAlignADkimSignatureOfASubdomainButNotOfAnotherDomain() throws Exception {
        // when
        final AuthVerdicts aligned = parse("Authentication-Results: amazonses.com; dkim=pass header.d=mail.amazon.com\n"
                + "From: no-reply@amazon.com\n");
        final AuthVerdicts forged = parse("Authentication-Results: amazonses.com; dkim=pass header.i=@evil.test;"
                + " dmarc=fail header.from=amazon.com\nFrom: no-reply@amazon.com\n");

        // then
        assertThat(aligned.getDkimAligned()).isTrue();
        assertThat(forged.getDkim()).isEqualTo(Verdict.PASS);
        assertThat(forged.getDkimDomains()).containsExactly("evil.test");
        assertThat(forged.getDkimAligned()).isFalse();
    }

    @Test
    void shouldIgnoreALowerOrForeignAuthenticationResults() throws Exception {
        // when
        final AuthVerdicts lower = parse("Authentication-Results: amazonses.com; dkim=none; dmarc=none\n"
                + "Authentication-Results: amazonses.com; dkim=pass header.d=amazon.com;"
                + " dmarc=pass header.from=amazon.com\n"
                + "From: no-reply@amazon.com\n");
        final AuthVerdicts foreign = parse("Authentication-Results: mx.evil.test; dkim=pass header.d=amazon.com\n"
                + "Authentication-Results: amazonses.com; dkim=pass header.d=amazon.com\nFrom: no-reply@amazon.com\n");

        // then
        assertThat(lower.getDkim()).isEqualTo(Verdict.NONE);
        assertThat(lower.getDkimAligned()).isFalse();
        assertThat(foreign.getAuthservId()).isNull();
        assertThat(foreign.getDkim()).isEqualTo(Verdict.UNKNOWN);
        assertThat(foreign.getDkimAligned()).isFalse();
    }

    @Test
    void shouldTrustTheConfiguredReceivingServers() throws Exception {
        // given
        final MailParser own = new MailParser(ParserSettings.LENIENT.toBuilder()
                .trustedAuthservIds(Set.of("MX.Example.NET"))
                .build());

        // when
        final AuthVerdicts auth = own.parse(bytes("Authentication-Results: mx.example.net 1;"
                        + " dkim=pass header.d=example.org\nFrom: a@example.org\n"))
                .auth();

        // then
        assertThat(auth.getAuthservId()).isEqualTo("mx.example.net");
        assertThat(auth.getDkimAligned()).isTrue();
    }

    @Test
    void shouldNotCountADmarcPassForAnotherDomainOrOneReportedTwice() throws Exception {
        // when: a pass for another From, and a pass a HELO name could have smuggled in before the real result
        final AuthVerdicts other = parse("Authentication-Results: amazonses.com; dmarc=pass header.from=evil.test\n"
                + "From: no-reply@amazon.com\n");
        final AuthVerdicts twice = parse("Authentication-Results: amazonses.com; spf=none helo=x; dmarc=pass;"
                + " dmarc=fail header.from=amazon.com\nFrom: no-reply@amazon.com\n");

        // then
        assertThat(other.getDmarc()).isEqualTo(Verdict.FAIL);
        assertThat(twice.getDmarc()).isEqualTo(Verdict.FAIL);
    }

    @Test
    void shouldHaveNoFromDomainUnlessThereIsExactlyOneFromAddress() throws Exception {
        // when
        final AuthVerdicts twoFields = parse("Authentication-Results: amazonses.com; dkim=pass header.d=amazon.com;"
                + " dmarc=pass\nFrom: no-reply@amazon.com\nFrom: no-reply@amazon.com\n");
        final AuthVerdicts twoAddresses = parse("Authentication-Results: amazonses.com; dkim=pass header.d=amazon.com\n"
                + "From: no-reply@amazon.com, billing@evil.test\n");

        // then
        assertThat(twoFields.getFromDomain()).isNull();
        assertThat(twoFields.getDkimAligned()).isFalse();
        assertThat(twoFields.getDmarc()).isEqualTo(Verdict.FAIL);
        assertThat(twoAddresses.getFromDomain()).isNull();
        assertThat(twoAddresses.getDkimAligned()).isFalse();
    }

    @Test
    void shouldReadAHostileFromWithoutThrowingAndAlignNothingWithIt() throws Exception {
        // given: a From domain of 30,000 labels
        final String from = "From: x@" + "a.".repeat(30_000) + "amazon.com\n";

        // when
        final AuthVerdicts auth =
                parse("Authentication-Results: amazonses.com; dkim=pass header.d=amazon.com\n" + from);

        // then
        assertThat(auth.getFromDomain()).isNull();
        assertThat(auth.getDkimAligned()).isFalse();
    }

    @Test
    void shouldTakeSesVerdictsOnlyFromAboveTheTrustedResultsButAFailFromAnywhere() throws Exception {
        // when
        final AuthVerdicts above = parse("X-SES-Spam-Verdict: PASS\nAuthentication-Results: amazonses.com; dkim=none\n"
                + "X-SES-Virus-Verdict: PASS\nFrom: a@example.org\n");
        final AuthVerdicts failBelow = parse("X-SES-Virus-Verdict: PASS\n"
                + "Authentication-Results: amazonses.com; dkim=none\nX-SES-Virus-Verdict: FAIL\nFrom: a@example.org\n");

        // then
        assertThat(above.getSpam()).isEqualTo(Verdict.PASS);
        assertThat(above.getVirus())
                .as("written below the receiving server's block")
                .isEqualTo(Verdict.UNKNOWN);
        assertThat(failBelow.getVirus()).isEqualTo(Verdict.FAIL);
    }

    private static AuthVerdicts parse(final String headers) throws MailParseException {
        return SES.parse(bytes(headers)).auth();
    }

    private static byte[] bytes(final String headers) {
        return (headers + "Subject: x\n\nbody\n").getBytes(StandardCharsets.UTF_8);
    }
}
