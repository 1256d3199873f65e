package io.mailroute.topology.bouncereport;

import static org.assertj.core.api.Assertions.assertThat;

import io.mailroute.avro.AuthVerdicts;
import io.mailroute.avro.Bounce;
import io.mailroute.topology.parse.MailParser;
import io.mailroute.topology.parse.ParserSettings;
import java.nio.charset.StandardCharsets;
import java.util.List;
import org.junit.jupiter.api.Test;

/** Which bounce mails are believed, and which domain an unverified one counts for. */
class BounceAuthenticationTest {
    private static final MailParser PARSER = new MailParser(ParserSettings.LENIENT);
    private static final Bounce BOUNCE = Bounce.newBuilder()
            .setRecipient("taro@example.net")
            .setReason("userunknown")
            .setHardBounce(true)
            .build();

    @Test
    void shouldVerifyAnSesNotificationSentAndSignedByAmazon() throws Exception {
        // when
        final Bounce bounce = marked("Authentication-Results: amazonses.com; dkim=pass header.i=@amazonses.com;"
                + " dmarc=none\nFrom: \"Amazon SES\" <no-reply@sns.amazonaws.com>\n");

        // then
        assertThat(bounce.getVerified()).isTrue();
        assertThat(bounce.getReportingDomain()).isEqualTo("amazonaws.com");
    }

    @Test
    void shouldNotVerifyAnSesCustomersLookAlikeSignedByAmazonSes() throws Exception {
        // when: SES signs every customer's mail with d=amazonses.com, so that signature alone proves nothing
        final Bounce bounce = marked("Authentication-Results: amazonses.com; dkim=pass header.i=@amazonses.com;"
                + " dmarc=none\nFrom: notifications@evil.test\n");

        // then
        assertThat(bounce.getVerified()).isFalse();
        assertThat(bounce.getReportingDomain()).isEqualTo("amazonses.com");
    }

    @Test
    void shouldVerifyADsnWhoseHeloIsAlignedWithItsFromHostAndNameNoDomainForAnUnauthenticatedOne() throws Exception {
        // when
        final Bounce helo = marked("Authentication-Results: amazonses.com; spf=pass smtp.mailfrom="
                + " smtp.helo=mx.example.co.jp\nFrom: MAILER-DAEMON@mx.example.co.jp\n");
        final Bounce forged = marked("From: MAILER-DAEMON@mx.example.co.jp\n");

        // then
        assertThat(helo.getVerified()).isTrue();
        assertThat(helo.getReportingDomain()).isEqualTo("example.co.jp");
        assertThat(forged.getVerified()).isFalse();
        assertThat(forged.getReportingDomain()).isNull();
    }

    private static Bounce marked(final String headers) throws Exception {
        final AuthVerdicts auth = PARSER.parse((headers + "Subject: x\n\nx\n").getBytes(StandardCharsets.UTF_8))
                .auth();
        return BounceAuthentication.mark(List.of(BOUNCE), auth).get(0);
    }
}
