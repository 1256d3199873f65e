package io.mailroute.topology.fetch;

import io.mailroute.embedded.EmbeddedS3;
import java.time.Duration;
import software.amazon.awssdk.core.sync.RequestBody;
import software.amazon.awssdk.services.s3.S3Client;

/**
 * A real S3 API in this JVM (the embedded S3Proxy over an in-memory store, signature checking
 * on) with the topology's own {@link S3Settings} for reaching it.
 */
public final class InProcessS3 implements AutoCloseable {
    static final String ACCESS_KEY = EmbeddedS3.DEFAULT_ACCESS_KEY;
    static final String SECRET_KEY = EmbeddedS3.DEFAULT_SECRET_KEY;

    private final EmbeddedS3 s3;
    private final S3Client client;

    public InProcessS3() {
        s3 = EmbeddedS3.builder().port(0).transientStore().start();
        client = s3.newClient();
    }

    /** Settings reaching this endpoint with path-style requests. */
    public S3Settings settings() {
        return new S3Settings(endpoint(), "us-east-1", true, ACCESS_KEY, SECRET_KEY, 2, Duration.ofSeconds(10));
    }

    public String endpoint() {
        return s3.endpoint().toString();
    }

    public void createBucket(final String bucket) {
        s3.createBucket(bucket);
    }

    /** Puts an object and returns its ETag. */
    public String put(final String bucket, final String key, final byte[] bytes) {
        return client.putObject(b -> b.bucket(bucket).key(key), RequestBody.fromBytes(bytes)).eTag();
    }

    @Override
    public void close() {
        client.close();
        s3.close();
    }
}
