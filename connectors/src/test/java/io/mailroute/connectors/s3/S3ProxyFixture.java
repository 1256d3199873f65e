package io.mailroute.connectors.s3;

import io.mailroute.s3.S3Clients;
import io.mailroute.s3.S3Settings;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Map;
import java.util.Properties;
import java.util.function.UnaryOperator;
import org.gaul.s3proxy.BlobStores;
import org.gaul.s3proxy.S3Proxy;
import org.gaul.s3proxy.auth.AuthenticationType;
import org.gaul.s3proxy.blobstore.BlobStore;
import software.amazon.awssdk.auth.credentials.AwsBasicCredentials;
import software.amazon.awssdk.core.sync.RequestBody;
import software.amazon.awssdk.services.s3.S3Client;
import software.amazon.awssdk.services.s3.model.S3Object;

/** An in-process S3 API (S3Proxy over its transient store) and a client for setting up and inspecting buckets. */
final class S3ProxyFixture implements AutoCloseable {
    static final String ACCESS_KEY = "test-access";
    static final String SECRET_KEY = "test-secret";

    private final S3Proxy proxy;
    private final S3Client client;
    private final String endpoint;

    private S3ProxyFixture(final UnaryOperator<BlobStore> wrap) throws Exception {
        final BlobStore store = wrap.apply(BlobStores.create("transient", new Properties()));
        proxy = S3Proxy.builder()
                .blobStore(store)
                .endpoint(URI.create("http://127.0.0.1:0"))
                .awsAuthentication(AuthenticationType.AWS_V2_OR_V4, ACCESS_KEY, SECRET_KEY)
                .build();
        proxy.start();
        endpoint = "http://127.0.0.1:" + proxy.getPort();
        client = S3Clients.create(S3Settings.forEndpoint(
                URI.create(endpoint), "us-east-1", AwsBasicCredentials.create(ACCESS_KEY, SECRET_KEY)));
    }

    static S3ProxyFixture start() throws Exception {
        return new S3ProxyFixture(UnaryOperator.identity());
    }

    /** Starts S3Proxy over the transient store wrapped by {@code wrap} (e.g. to inject failures). */
    static S3ProxyFixture start(final UnaryOperator<BlobStore> wrap) throws Exception {
        return new S3ProxyFixture(wrap);
    }

    String endpoint() {
        return endpoint;
    }

    S3Client client() {
        return client;
    }

    /** Connector properties pointing at this endpoint. */
    S3MailSourceConfig.Setter configure(final S3MailSourceConfig.Setter setter) {
        return setter.endpoint(endpoint).credentials(ACCESS_KEY, SECRET_KEY).maxAttempts(1);
    }

    void createBucket(final String bucket) {
        client.createBucket(b -> b.bucket(bucket));
    }

    void put(final String bucket, final String key, final byte[] content) {
        client.putObject(b -> b.bucket(bucket).key(key).contentType("message/rfc822"), RequestBody.fromBytes(content));
    }

    void put(final String bucket, final String key, final String content) {
        put(bucket, key, content.getBytes(StandardCharsets.UTF_8));
    }

    /** Uploads an object encrypted with a customer key (SSE-C): without that key nobody can read or copy it. */
    void putEncrypted(final String bucket, final String key, final String content) {
        new TestBucket(client, bucket).putEncrypted(key, content);
    }

    byte[] get(final String bucket, final String key) {
        return client.getObjectAsBytes(b -> b.bucket(bucket).key(key)).asByteArray();
    }

    Map<String, String> metadata(final String bucket, final String key) {
        return client.headObject(b -> b.bucket(bucket).key(key)).metadata();
    }

    /** Every key in the bucket under {@code prefix}. */
    List<String> keys(final String bucket, final String prefix) {
        return client.listObjectsV2Paginator(b -> b.bucket(bucket).prefix(prefix)).contents().stream()
                .map(S3Object::key)
                .toList();
    }

    @Override
    public void close() {
        client.close();
        try {
            proxy.stop();
        } catch (Exception e) {
            throw new IllegalStateException("S3Proxy did not stop", e);
        }
    }
}
