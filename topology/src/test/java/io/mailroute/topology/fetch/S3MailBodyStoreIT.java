package io.mailroute.topology.fetch;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowableOfType;

import io.mailroute.embedded.Ports;
import io.mailroute.s3.ClaimCheck;
import io.mailroute.s3.S3Failure;
import io.mailroute.s3.S3Settings;
import io.mailroute.topology.support.Hashes;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import software.amazon.awssdk.auth.credentials.AwsBasicCredentials;

/** The S3 implementation of {@link MailBodyStore} against a real S3 API (in-process S3Proxy). */
class S3MailBodyStoreIT {
    private static final String BUCKET = "mail-inbound";
    private static final byte[] MAIL =
            "From: a@example.jp\r\nSubject: hi\r\n\r\nbody\r\n".getBytes(StandardCharsets.US_ASCII);

    private static InProcessS3 s3;

    @BeforeAll
    static void startS3() throws Exception {
        s3 = new InProcessS3();
        s3.createBucket(BUCKET);
    }

    @AfterAll
    static void stopS3() throws Exception {
        s3.close();
    }

    /** The claim check the connector writes for {@link #MAIL} under {@code key}. */
    private static ClaimCheck claimCheck(final String key, final String etag) {
        return new ClaimCheck(BUCKET, key, null, etag, MAIL.length, Hashes.sha256Hex(MAIL));
    }

    @Test
    void shouldFetchAClaimCheckedMailPinnedToItsEtag() throws Exception {
        // given
        final String etag = s3.put(BUCKET, "in/etag-ok", MAIL);

        // when
        try (S3MailBodyStore store = new S3MailBodyStore(s3.settings())) {
            final byte[] fetched = store.fetch(claimCheck("in/etag-ok", etag));

            // then
            assertThat(fetched).isEqualTo(MAIL);
        }
    }

    @Test
    void shouldFailForGoodWhenTheObjectIsGone() {
        // when
        final S3Failure e = fetchFailure(s3.settings(), claimCheck("in/never-written", null));

        // then
        assertThat(e.kind()).isEqualTo(S3Failure.Kind.NOT_FOUND);
        assertThat(e.errorClass()).isEqualTo("s3:NoSuchKey");
        assertThat(e.getMessage()).contains("s3://mail-inbound/in/never-written");
    }

    @Test
    void shouldFailForGoodWhenTheObjectChangedSinceItWasListed() {
        // given
        final String etag = s3.put(BUCKET, "in/changed", MAIL);
        s3.put(BUCKET, "in/changed", "rewritten".getBytes(StandardCharsets.US_ASCII));

        // when
        final S3Failure e = fetchFailure(s3.settings(), claimCheck("in/changed", etag));

        // then
        assertThat(e.kind()).isEqualTo(S3Failure.Kind.CHANGED);
    }

    @Test
    void shouldBeDeniedWhenCredentialsAreRejected() {
        // given
        final S3Settings wrong = s3.settings()
                .withCredentials(AwsBasicCredentials.create("mailroute", "wrong-secret"))
                .withMaxAttempts(1);
        s3.put(BUCKET, "in/forbidden", MAIL);

        // when
        final S3Failure e = fetchFailure(wrong, claimCheck("in/forbidden", null));

        // then: the fetch stage lets such a mail wait, an operator can fix the credentials
        assertThat(e.kind()).isEqualTo(S3Failure.Kind.ACCESS_DENIED);
        assertThat(e.errorClass()).startsWith("s3:");
        assertThat(e.getMessage()).doesNotContain("wrong-secret");
    }

    @Test
    void shouldFailTransientlyWhenS3CannotBeReached() throws Exception {
        // given: a port nothing listens on
        final int port = Ports.free();
        final S3Settings unreachable = S3Settings.forEndpoint(
                        URI.create("http://127.0.0.1:" + port),
                        "us-east-1",
                        s3.settings().credentials())
                .withMaxAttempts(2)
                .withApiCallTimeout(Duration.ofSeconds(5));

        // when
        final S3Failure e = fetchFailure(unreachable, claimCheck("in/any", null));

        // then
        assertThat(e.kind()).isEqualTo(S3Failure.Kind.TRANSIENT);
    }

    private static S3Failure fetchFailure(final S3Settings settings, final ClaimCheck check) {
        try (S3MailBodyStore store = new S3MailBodyStore(settings)) {
            return catchThrowableOfType(S3Failure.class, () -> store.fetch(check));
        }
    }
}
