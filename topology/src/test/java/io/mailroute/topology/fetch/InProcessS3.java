package io.mailroute.topology.fetch;

import io.mailroute.embedded.EmbeddedS3;
import io.mailroute.s3.S3Settings;
import java.time.Duration;
import software.amazon.awssdk.core.sync.RequestBody;
import software.amazon.awssdk.services.s3.S3Client;

/**
 * A real S3 API in this JVM (the embedded S3Proxy over an in-memory store, signature checking
 * on) with the {@link S3Settings} for reaching it.
 */
public final class InProcessS3 implements AutoCloseable {
    private final EmbeddedS3 s3;
    private final S3Client client;

    public InProcessS3() {
        s3 = EmbeddedS3.builder().port(0).transientStore().start();
        client = s3.newClient();
    }

    /** Settings reaching this endpoint with path-style requests: 2 attempts within 10 s. */
    public S3Settings settings() {
        return s3.settings().withMaxAttempts(2).withApiCallTimeout(Duration.ofSeconds(10));
    }

    public void createBucket(final String bucket) {
        s3.createBucket(bucket);
    }

    /** Puts an object and returns its ETag. */
    public String put(final String bucket, final String key, final byte[] bytes) {
        return client.putObject(b -> b.bucket(bucket).key(key), RequestBody.fromBytes(bytes))
                .eTag();
    }

    @Override
    public void close() {
        client.close();
        s3.close();
    }
}
