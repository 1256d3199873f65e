package io.mailroute.topology;

import static org.assertj.core.api.Assertions.assertThat;

import io.mailroute.avro.ClassifiedMail;
import io.mailroute.avro.DeadLetter;
import io.mailroute.avro.RawMail;
import io.mailroute.avro.RetryMail;
import io.mailroute.avro.RetryReason;
import io.mailroute.avro.Stage;
import io.mailroute.avro.Storage;
import io.mailroute.s3.S3Settings;
import io.mailroute.topology.bouncereport.BounceClassifier;
import io.mailroute.topology.fetch.InProcessS3;
import io.mailroute.topology.fetch.S3MailBodyStore;
import java.util.Map;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import software.amazon.awssdk.auth.credentials.AwsBasicCredentials;

/** Claim-checked mail through the whole topology, fetched from a real S3 API (in-process S3Proxy). */
class ClaimCheckFlowIT {
    private static final String BUCKET = "mail-inbound";
    private static final String ROOT = "aws-root@example.co.jp";

    private static InProcessS3 s3;
    private TestPipeline pipeline;

    @BeforeAll
    static void startS3() throws Exception {
        s3 = new InProcessS3();
        s3.createBucket(BUCKET);
    }

    @AfterAll
    static void stopS3() throws Exception {
        s3.close();
    }

    @BeforeEach
    void start() {
        pipeline = pipeline(s3.settings());
    }

    @AfterEach
    void stop() {
        pipeline.close();
    }

    private static TestPipeline pipeline(final S3Settings settings) {
        final TestPipeline p = new TestPipeline(
                "ClaimCheckFlowIT",
                Map.of(),
                new TopologyServices(new S3MailBodyStore(settings), new BounceClassifier()));
        p.addAccount("123456789012", ROOT, "Prod");
        return p;
    }

    /** The claim check the S3 connector writes for a large mail stored under {@code key}. */
    private static RawMail claimCheck(final String key, final byte[] bytes, final String etag) {
        return RawMail.newBuilder(TestPipeline.inline(key, bytes))
                .setStorage(Storage.CLAIM_CHECK)
                .setContent(null)
                .setEtag(etag)
                .build();
    }

    @Test
    void shouldFetchParseAndRouteAClaimCheckedMail() {
        // given
        final byte[] mail = TestMails.awsBilling(ROOT);
        final String etag = s3.put(BUCKET, "big-1", mail);

        // when
        pipeline.send(claimCheck("big-1", mail, etag));

        // then
        final ClassifiedMail routed = pipeline.notify.readValue();
        assertThat(routed.getRuleId()).isEqualTo("aws-billing");
        assertThat(routed.getRaw().getEtag()).isEqualTo(etag);
    }

    @Test
    void shouldDeadLetterAMailWhoseBytesDoNotMatchTheirChecksum() {
        // given
        final byte[] mail = TestMails.awsBilling(ROOT);
        final byte[] tampered = mail.clone();
        tampered[tampered.length - 3] = 'X';
        s3.put(BUCKET, "big-2", tampered);

        // when
        pipeline.send(claimCheck("big-2", mail, null));

        // then
        final DeadLetter dead = pipeline.dlq.readValue();
        assertThat(dead.getStage()).isEqualTo(Stage.FETCH);
        assertThat(dead.getErrorClass()).isEqualTo("mailroute:sha256-mismatch");
        assertThat(dead.getRaw().getKey()).isEqualTo("big-2");
    }

    @Test
    void shouldDeadLetterAMailWhoseObjectIsGone() {
        // when
        pipeline.send(claimCheck("big-missing", TestMails.awsBilling(ROOT), null));

        // then
        final DeadLetter dead = pipeline.dlq.readValue();
        assertThat(dead.getStage()).isEqualTo(Stage.FETCH);
        assertThat(dead.getErrorClass()).isEqualTo("s3:NoSuchKey");
    }

    @Test
    void shouldHoldAMailAsTransientWhileS3RejectsTheCredentials() {
        // given: credentials S3 rejects
        pipeline.close();
        final S3Settings good = s3.settings();
        final AwsBasicCredentials rotated =
                AwsBasicCredentials.create(good.credentials().accessKeyId(), "rotated-away");
        pipeline = pipeline(good.withCredentials(rotated).withMaxAttempts(1));
        final byte[] mail = TestMails.awsBilling(ROOT);
        s3.put(BUCKET, "big-3", mail);

        // when
        pipeline.send(claimCheck("big-3", mail, null));

        // then
        final RetryMail waiting = pipeline.retry.readValue();
        assertThat(waiting.getReason()).isEqualTo(RetryReason.TRANSIENT);
        assertThat(waiting.getMail().getStorage()).isEqualTo(Storage.CLAIM_CHECK);
        assertThat(pipeline.dlq.isEmpty()).isTrue();
    }
}
