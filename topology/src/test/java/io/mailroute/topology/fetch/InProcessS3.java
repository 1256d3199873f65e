package io.mailroute.topology.fetch;

import static org.awaitility.Awaitility.await;

import java.net.URI;
import java.time.Duration;
import java.util.Properties;
import org.gaul.s3proxy.BlobStores;
import org.gaul.s3proxy.S3Proxy;
import org.gaul.s3proxy.auth.AuthenticationType;
import software.amazon.awssdk.core.sync.RequestBody;
import software.amazon.awssdk.services.s3.S3Client;
import software.amazon.awssdk.services.s3.model.PutObjectResponse;

/**
 * A real S3 API in this JVM: S3Proxy over its transient (in-memory) blob store, on a free port,
 * with signature checking, and a client to put test objects with.
 */
public final class InProcessS3 implements AutoCloseable {
    static final String ACCESS_KEY = "test-access";
    static final String SECRET_KEY = "test-secret";

    private final S3Proxy proxy;
    private final S3Client client;

    public InProcessS3() throws Exception {
        proxy = S3Proxy.builder()
                .blobStore(BlobStores.create("transient", new Properties()))
                .endpoint(URI.create("http://127.0.0.1:0"))
                .awsAuthentication(AuthenticationType.AWS_V2_OR_V4, ACCESS_KEY, SECRET_KEY)
                .build();
        proxy.start();
        await().atMost(Duration.ofSeconds(30)).until(() -> "STARTED".equals(proxy.getState()));
        client = S3MailBodyStore.build(settings());
    }

    /** Settings reaching this endpoint with path-style requests. */
    public S3Settings settings() {
        return new S3Settings(endpoint(), "us-east-1", true, ACCESS_KEY, SECRET_KEY, 2, Duration.ofSeconds(10));
    }

    public String endpoint() {
        return "http://127.0.0.1:" + proxy.getPort();
    }

    public void createBucket(final String bucket) {
        client.createBucket(b -> b.bucket(bucket));
    }

    /** Puts an object and returns its ETag. */
    public String put(final String bucket, final String key, final byte[] bytes) {
        final PutObjectResponse response = client.putObject(b -> b.bucket(bucket).key(key), RequestBody.fromBytes(bytes));
        return response.eTag();
    }

    @Override
    public void close() throws Exception {
        client.close();
        proxy.stop();
    }
}
