package io.mailroute.embedded;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.util.Random;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import software.amazon.awssdk.core.ResponseBytes;
import software.amazon.awssdk.core.sync.RequestBody;
import software.amazon.awssdk.services.s3.S3Client;
import software.amazon.awssdk.services.s3.model.GetObjectResponse;
import software.amazon.awssdk.services.s3.model.S3Exception;
import software.amazon.awssdk.services.s3.model.S3Object;

/** The S3 API of S3Proxy through the AWS SDK v2: large objects, listing, persistence, authentication. */
class EmbeddedS3IT {
    private static EmbeddedS3 s3;

    @BeforeAll
    static void start() {
        s3 = EmbeddedS3.builder().start();
    }

    @AfterAll
    static void stop() {
        if (s3 != null) {
            s3.close();
        }
    }

    @Test
    void putsGetsTwentyMegabytesAndListsByPrefix() throws Exception {
        s3.createBucket("mail-inbound");
        s3.createBucket("mail-inbound"); // idempotent
        final byte[] big = new byte[20 * 1024 * 1024];
        new Random(42).nextBytes(big);
        try (S3Client client = s3.newClient()) {
            client.putObject(r -> r.bucket("mail-inbound").key("inbound/2026/big.eml"), RequestBody.fromBytes(big));
            client.putObject(
                    r -> r.bucket("mail-inbound").key("inbound/2026/small.eml"),
                    RequestBody.fromString("Subject: hi\r\n\r\nbody", StandardCharsets.US_ASCII));
            client.putObject(r -> r.bucket("mail-inbound").key("other/x.eml"), RequestBody.fromString("x"));

            final ResponseBytes<GetObjectResponse> read =
                    client.getObjectAsBytes(r -> r.bucket("mail-inbound").key("inbound/2026/big.eml"));
            assertThat(read.response().contentLength()).isEqualTo(big.length);
            assertThat(sha256(read.asByteArray())).isEqualTo(sha256(big));

            assertThat(client.listObjectsV2(r -> r.bucket("mail-inbound").prefix("inbound/"))
                            .contents())
                    .extracting(S3Object::key)
                    .containsExactly("inbound/2026/big.eml", "inbound/2026/small.eml");
        }
    }

    @Test
    void refusesWrongCredentials() {
        try (S3Client client = EmbeddedS3.builder()
                .port(s3.port())
                .credentials("intruder", "wrong")
                .build()
                .newClient()) {
            assertThatThrownBy(client::listBuckets)
                    .isInstanceOf(S3Exception.class)
                    .satisfies(e -> assertThat(((S3Exception) e).statusCode()).isEqualTo(403));
        }
    }

    @Test
    void filesystemStoreSurvivesRestart(@TempDir final Path dir) {
        final int port;
        try (EmbeddedS3 first = EmbeddedS3.builder().dataDir(dir).start()) {
            port = first.port();
            first.createBucket("persistent");
            try (S3Client client = first.newClient()) {
                client.putObject(
                        r -> r.bucket("persistent").key("a/b.eml").contentType("message/rfc822"),
                        RequestBody.fromString("kept"));
            }
            first.stop();
            first.start();
            assertThat(first.port()).isEqualTo(port);
            try (S3Client client = first.newClient()) {
                assertThat(client.getObjectAsBytes(r -> r.bucket("persistent").key("a/b.eml"))
                                .asUtf8String())
                        .isEqualTo("kept");
            }
        }
        try (EmbeddedS3 second = EmbeddedS3.builder().dataDir(dir).start();
                S3Client client = second.newClient()) {
            final ResponseBytes<GetObjectResponse> read =
                    client.getObjectAsBytes(r -> r.bucket("persistent").key("a/b.eml"));
            assertThat(read.asUtf8String()).isEqualTo("kept");
            assertThat(client.listObjectsV2(r -> r.bucket("persistent").prefix("a/"))
                            .contents())
                    .extracting(S3Object::key)
                    .containsExactly("a/b.eml");
        }
    }

    private static byte[] sha256(final byte[] bytes) throws Exception {
        return MessageDigest.getInstance("SHA-256").digest(bytes);
    }
}
