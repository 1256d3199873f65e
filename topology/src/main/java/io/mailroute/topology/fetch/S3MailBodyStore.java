package io.mailroute.topology.fetch;

import java.net.URI;
import java.time.Duration;
import software.amazon.awssdk.auth.credentials.AwsBasicCredentials;
import software.amazon.awssdk.auth.credentials.AwsCredentialsProvider;
import software.amazon.awssdk.auth.credentials.DefaultCredentialsProvider;
import software.amazon.awssdk.auth.credentials.StaticCredentialsProvider;
import software.amazon.awssdk.core.exception.SdkClientException;
import software.amazon.awssdk.core.exception.SdkException;
import software.amazon.awssdk.http.urlconnection.UrlConnectionHttpClient;
import software.amazon.awssdk.regions.Region;
import software.amazon.awssdk.services.s3.S3Client;
import software.amazon.awssdk.services.s3.S3ClientBuilder;
import software.amazon.awssdk.services.s3.model.GetObjectRequest;
import software.amazon.awssdk.services.s3.model.S3Exception;

/**
 * Fetches claim-checked mail from S3 (or an S3-compatible endpoint such as MinIO or S3Proxy, with
 * path-style access) with the AWS SDK v2. The SDK retries throttling and server errors within
 * {@link S3Settings#maxAttempts()}; what still fails is classified once: missing objects,
 * versions and changed ETags are permanent, everything else transient. The client is created on
 * the first fetch, so building a topology does no I/O.
 */
public final class S3MailBodyStore implements MailBodyStore {
    private final S3Settings settings;
    private S3Client client;

    public S3MailBodyStore(final S3Settings settings) {
        this.settings = settings;
    }

    @Override
    public byte[] fetch(final ClaimCheck check) throws MailBodyException {
        final GetObjectRequest.Builder request = GetObjectRequest.builder().bucket(check.bucket()).key(check.key());
        if (check.versionId() != null) {
            request.versionId(check.versionId());
        }
        if (check.etag() != null) {
            request.ifMatch(check.etag());
        }
        try {
            return client().getObjectAsBytes(request.build()).asByteArray();
        } catch (S3Exception e) {
            final String code = e.awsErrorDetails() == null ? null : e.awsErrorDetails().errorCode();
            final int status = e.statusCode();
            final boolean permanent = status == 404 || status == 412 || "NoSuchKey".equals(code) || "NoSuchBucket".equals(code)
                    || "NoSuchVersion".equals(code) || "PreconditionFailed".equals(code);
            throw new MailBodyException("s3:" + (code == null ? status : code), "Cannot fetch s3://" + check.bucket() + "/"
                    + check.key() + ": " + (code == null ? "HTTP " + status : code), !permanent, e);
        } catch (SdkClientException e) {
            throw new MailBodyException(e.getClass().getName(), "Cannot reach S3 for s3://" + check.bucket() + "/" + check.key()
                    + ": " + e.getMessage(), true, e);
        } catch (SdkException e) {
            throw new MailBodyException(e.getClass().getName(), "Cannot fetch s3://" + check.bucket() + "/" + check.key()
                    + ": " + e.getMessage(), true, e);
        }
    }

    private synchronized S3Client client() {
        if (client == null) {
            client = build(settings);
        }
        return client;
    }

    static S3Client build(final S3Settings settings) {
        final AwsCredentialsProvider credentials = settings.accessKey() == null
                ? DefaultCredentialsProvider.builder().build()
                : StaticCredentialsProvider.create(AwsBasicCredentials.create(settings.accessKey(), settings.secretKey()));
        final S3ClientBuilder builder = S3Client.builder()
                .httpClientBuilder(UrlConnectionHttpClient.builder())
                .credentialsProvider(credentials)
                .region(Region.of(settings.region()))
                .forcePathStyle(settings.pathStyle())
                .overrideConfiguration(o -> o
                        .apiCallTimeout(settings.timeout())
                        .apiCallAttemptTimeout(Duration.ofMillis(Math.max(1, settings.timeout().toMillis() / settings.maxAttempts())))
                        .retryStrategy(b -> b.maxAttempts(settings.maxAttempts())));
        if (settings.endpoint() != null) {
            builder.endpointOverride(URI.create(settings.endpoint()));
        }
        return builder.build();
    }

    @Override
    public synchronized void close() {
        if (client != null) {
            client.close();
            client = null;
        }
    }
}
