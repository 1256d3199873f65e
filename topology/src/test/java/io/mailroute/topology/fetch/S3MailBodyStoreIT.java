package io.mailroute.topology.fetch;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowableOfType;

import java.net.ServerSocket;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/** The S3 implementation of {@link MailBodyStore} against a real S3 API (in-process S3Proxy). */
class S3MailBodyStoreIT {
    private static final String BUCKET = "mail-inbound";
    private static final byte[] MAIL = "From: a@example.jp\r\nSubject: hi\r\n\r\nbody\r\n".getBytes(StandardCharsets.US_ASCII);

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

    @Test
    void shouldFetchAClaimCheckedMailPinnedToItsEtag() throws Exception {
        // given
        final String etag = s3.put(BUCKET, "in/etag-ok", MAIL);

        // when
        try (S3MailBodyStore store = new S3MailBodyStore(s3.settings())) {
            final byte[] fetched = store.fetch(new ClaimCheck(BUCKET, "in/etag-ok", null, etag));

            // then
            assertThat(fetched).isEqualTo(MAIL);
        }
    }

    @Test
    void shouldFailForGoodWhenTheObjectIsGone() {
        // when
        final MailBodyException e = fetchFailure(s3.settings(), new ClaimCheck(BUCKET, "in/never-written", null, null));

        // then
        assertThat(e.isTransient()).isFalse();
        assertThat(e.errorClass()).isEqualTo("s3:NoSuchKey");
        assertThat(e.getMessage()).contains("s3://mail-inbound/in/never-written");
    }

    @Test
    void shouldFailForGoodWhenTheObjectChangedSinceItWasListed() {
        // given
        final String etag = s3.put(BUCKET, "in/changed", MAIL);
        s3.put(BUCKET, "in/changed", "rewritten".getBytes(StandardCharsets.US_ASCII));

        // when
        final MailBodyException e = fetchFailure(s3.settings(), new ClaimCheck(BUCKET, "in/changed", null, etag));

        // then
        assertThat(e.isTransient()).isFalse();
    }

    @Test
    void shouldFailTransientlyWhenCredentialsAreRejected() {
        // given
        final S3Settings wrong = new S3Settings(s3.endpoint(), "us-east-1", true, InProcessS3.ACCESS_KEY, "wrong-secret", 1,
                Duration.ofSeconds(10));
        s3.put(BUCKET, "in/forbidden", MAIL);

        // when
        final MailBodyException e = fetchFailure(wrong, new ClaimCheck(BUCKET, "in/forbidden", null, null));

        // then: an operator can fix the credentials; the mail should wait, not die
        assertThat(e.isTransient()).isTrue();
        assertThat(e.errorClass()).startsWith("s3:");
        assertThat(e.getMessage()).doesNotContain("wrong-secret");
    }

    @Test
    void shouldFailTransientlyWhenS3CannotBeReached() throws Exception {
        // given: a port nothing listens on
        final int port;
        try (ServerSocket socket = new ServerSocket(0)) {
            port = socket.getLocalPort();
        }
        final S3Settings unreachable = new S3Settings("http://127.0.0.1:" + port, "us-east-1", true, InProcessS3.ACCESS_KEY,
                InProcessS3.SECRET_KEY, 2, Duration.ofSeconds(5));

        // when
        final MailBodyException e = fetchFailure(unreachable, new ClaimCheck(BUCKET, "in/any", null, null));

        // then
        assertThat(e.isTransient()).isTrue();
    }

    private static MailBodyException fetchFailure(final S3Settings settings, final ClaimCheck check) {
        try (S3MailBodyStore store = new S3MailBodyStore(settings)) {
            return catchThrowableOfType(MailBodyException.class, () -> store.fetch(check));
        }
    }
}
