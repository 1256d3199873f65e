package io.mailroute.s3;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowableOfType;

import io.mailroute.s3.ClaimChecks.CheckedObject;
import io.mailroute.s3.S3Failure.Kind;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.util.Arrays;
import java.util.HexFormat;
import java.util.Properties;
import org.gaul.s3proxy.BlobStores;
import org.gaul.s3proxy.S3Proxy;
import org.gaul.s3proxy.auth.AuthenticationType;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import software.amazon.awssdk.auth.credentials.AwsBasicCredentials;
import software.amazon.awssdk.core.sync.RequestBody;
import software.amazon.awssdk.services.s3.S3Client;

/** Issuing and redeeming claim checks against a real S3 API (S3Proxy over its transient store, signatures checked). */
class ClaimChecksIT {
    private static final String BUCKET = "mail-inbound";
    private static final String ACCESS_KEY = "claim-access";
    private static final String SECRET_KEY = "claim-secret";
    private static final byte[] MAIL =
            "From: a@example.jp\r\nSubject: hi\r\n\r\nbody\r\n".getBytes(StandardCharsets.US_ASCII);

    private static S3Proxy proxy;
    private static S3Settings settings;
    private static S3Client client;
    private static ClaimChecks claimChecks;

    @BeforeAll
    static void startS3() throws Exception {
        proxy = S3Proxy.builder()
                .blobStore(BlobStores.create("transient", new Properties()))
                .endpoint(URI.create("http://127.0.0.1:0"))
                .awsAuthentication(AuthenticationType.AWS_V2_OR_V4, ACCESS_KEY, SECRET_KEY)
                .build();
        proxy.start();
        settings = S3Settings.forEndpoint(
                URI.create("http://127.0.0.1:" + proxy.getPort()),
                "us-east-1",
                AwsBasicCredentials.create(ACCESS_KEY, SECRET_KEY));
        client = S3Clients.create(settings);
        client.createBucket(b -> b.bucket(BUCKET));
        claimChecks = new ClaimChecks(client);
    }

    @AfterAll
    static void stopS3() throws Exception {
        client.close();
        proxy.stop();
    }

    private static String put(final String key, final byte[] bytes) {
        return client.putObject(b -> b.bucket(BUCKET).key(key), RequestBody.fromBytes(bytes))
                .eTag();
    }

    private static String sha256(final byte[] bytes) throws Exception {
        return HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256").digest(bytes));
    }

    @Test
    void shouldIssueAClaimCheckWithTheBytesOfASmallObject() throws Exception {
        // given
        final String etag = put("in/small", MAIL);

        // when
        final CheckedObject read = claimChecks.issue(BUCKET, "in/small", 1_024, 10_000);

        // then
        assertThat(read.content()).isEqualTo(MAIL);
        assertThat(read.check())
                .isEqualTo(
                        new ClaimCheck(BUCKET, "in/small", read.check().versionId(), etag, MAIL.length, sha256(MAIL)));
        assertThat(read.check().etag()).doesNotContain("\"");
        assertThat(read.lastModified()).isNotNull();
    }

    @Test
    void shouldStreamALargerObjectThroughTheDigestWithoutKeepingIt() throws Exception {
        // given
        final byte[] large = new byte[300_000];
        Arrays.fill(large, (byte) 'x');
        put("in/large", large);

        // when
        final CheckedObject read = claimChecks.issue(BUCKET, "in/large", 1_024, 1_000_000);

        // then
        assertThat(read.hasContent()).isFalse();
        assertThat(read.check().size()).isEqualTo(large.length);
        assertThat(read.check().sha256()).isEqualTo(sha256(large));
    }

    @Test
    void shouldRefuseToReadAnObjectAboveTheLimit() {
        // given
        put("in/too-large", MAIL);

        // when
        final S3Failure e =
                catchThrowableOfType(S3Failure.class, () -> claimChecks.issue(BUCKET, "in/too-large", 10, 10));

        // then
        assertThat(e.kind()).isEqualTo(Kind.PERMANENT);
        assertThat(e.errorClass()).isEqualTo("mailroute:ObjectTooLarge");
    }

    @Test
    void shouldRedeemWhatWasIssuedVerified() {
        // given
        put("in/redeem", MAIL);
        final ClaimCheck check =
                claimChecks.issue(BUCKET, "in/redeem", 0, 10_000).check();

        // when
        final byte[] fetched = claimChecks.fetch(check);
        final CheckedObject kept = claimChecks.redeem(check, 1);

        // then
        assertThat(fetched).isEqualTo(MAIL);
        assertThat(kept.hasContent()).isFalse();
        assertThat(kept.check()).isEqualTo(check);
    }

    @Test
    void shouldFailAsChangedWhenTheObjectWasReplacedSinceItsClaimCheck() {
        // given
        put("in/replaced", MAIL);
        final ClaimCheck check =
                claimChecks.issue(BUCKET, "in/replaced", 0, 10_000).check();
        put("in/replaced", "rewritten".getBytes(StandardCharsets.US_ASCII));

        // when
        final S3Failure e = catchThrowableOfType(S3Failure.class, () -> claimChecks.fetch(check));

        // then
        assertThat(e.kind()).isEqualTo(Kind.CHANGED);
        assertThat(e.errorClass()).isEqualTo("s3:PreconditionFailed");
    }

    @Test
    void shouldFailAsChangedWhenTheBytesDifferFromTheClaimCheck() throws Exception {
        // given: claim checks without an ETag, with another size and another digest
        put("in/tampered", MAIL);
        final ClaimCheck otherSize = new ClaimCheck(BUCKET, "in/tampered", null, null, MAIL.length + 1, sha256(MAIL));
        final ClaimCheck otherDigest =
                new ClaimCheck(BUCKET, "in/tampered", null, null, MAIL.length, sha256(new byte[1]));
        final ClaimCheck noDigest = new ClaimCheck(BUCKET, "in/tampered", null, null, MAIL.length, "");

        // when
        final S3Failure size = catchThrowableOfType(S3Failure.class, () -> claimChecks.fetch(otherSize));
        final S3Failure digest = catchThrowableOfType(S3Failure.class, () -> claimChecks.fetch(otherDigest));
        final S3Failure none = catchThrowableOfType(S3Failure.class, () -> claimChecks.fetch(noDigest));

        // then
        assertThat(size.kind()).isEqualTo(Kind.CHANGED);
        assertThat(size.errorClass()).isEqualTo("mailroute:size-mismatch");
        assertThat(size.getMessage())
                .isEqualTo("fetched " + MAIL.length + " bytes of s3://mail-inbound/in/tampered, expected "
                        + (MAIL.length + 1));
        assertThat(digest.kind()).isEqualTo(Kind.CHANGED);
        assertThat(digest.errorClass()).isEqualTo("mailroute:sha256-mismatch");
        assertThat(none.errorClass()).isEqualTo("mailroute:sha256-mismatch");
    }

    @Test
    void shouldClassifyWhatS3Refuses() throws Exception {
        // given
        put("in/refused", MAIL);
        final ClaimCheck check = new ClaimCheck(BUCKET, "in/refused", null, null, MAIL.length, sha256(MAIL));

        // when
        final S3Failure missing = catchThrowableOfType(
                S3Failure.class,
                () -> claimChecks.fetch(new ClaimCheck(BUCKET, "in/never-written", null, null, 1, "00")));
        final S3Failure noBucket = catchThrowableOfType(
                S3Failure.class,
                () -> claimChecks.fetch(new ClaimCheck("no-such-bucket", "in/refused", null, null, 1, "00")));
        final S3Failure denied;
        try (S3Client wrong = S3Clients.create(settings.withCredentials(AwsBasicCredentials.create(ACCESS_KEY, "wrong"))
                .withMaxAttempts(1))) {
            denied = catchThrowableOfType(S3Failure.class, () -> new ClaimChecks(wrong).fetch(check));
        }

        // then
        assertThat(missing.kind()).isEqualTo(Kind.NOT_FOUND);
        assertThat(missing.errorClass()).isEqualTo("s3:NoSuchKey");
        assertThat(missing.getMessage()).contains("s3://mail-inbound/in/never-written");
        assertThat(noBucket.kind()).isEqualTo(Kind.NO_SUCH_BUCKET);
        assertThat(denied.kind()).isEqualTo(Kind.ACCESS_DENIED);
        assertThat(denied.getMessage()).doesNotContain("wrong");
    }
}
