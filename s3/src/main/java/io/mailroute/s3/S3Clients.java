package io.mailroute.s3;

import software.amazon.awssdk.auth.credentials.AwsCredentialsProvider;
import software.amazon.awssdk.auth.credentials.DefaultCredentialsProvider;
import software.amazon.awssdk.auth.credentials.StaticCredentialsProvider;
import software.amazon.awssdk.awscore.retry.AwsRetryStrategy;
import software.amazon.awssdk.core.client.config.ClientOverrideConfiguration;
import software.amazon.awssdk.http.urlconnection.UrlConnectionHttpClient;
import software.amazon.awssdk.regions.Region;
import software.amazon.awssdk.services.s3.S3Client;
import software.amazon.awssdk.services.s3.S3ClientBuilder;

/**
 * Builds every S3 client of mailroute from {@link S3Settings}: the JDK's URL-connection HTTP client
 * (no connection pool to leak, nothing to shade), the region, the endpoint override with path-style
 * access when asked, static credentials or the default chain, and the SDK's standard retry strategy
 * (jittered exponential backoff on throttling, 5xx and network errors) with the settings' attempts
 * and timeouts.
 */
public final class S3Clients {
    private S3Clients() {}

    /** A client for {@code settings}; the caller closes it. */
    public static S3Client create(final S3Settings settings) {
        return builder(settings).build();
    }

    /**
     * A builder configured for {@code settings}, for the few users that add to it (credentials
     * wrapped in an assumed role, the benchmark's putter without request checksums).
     */
    public static S3ClientBuilder builder(final S3Settings settings) {
        final S3ClientBuilder builder = S3Client.builder()
                .httpClientBuilder(UrlConnectionHttpClient.builder())
                .region(Region.of(settings.region()))
                .credentialsProvider(credentialsProvider(settings))
                .forcePathStyle(settings.pathStyleAccess())
                .overrideConfiguration(overrides(settings));
        if (settings.endpoint() != null) {
            builder.endpointOverride(settings.endpoint());
        }
        return builder;
    }

    /** The settings' static credentials, or the default chain (environment, profile, instance role) without them. */
    public static AwsCredentialsProvider credentialsProvider(final S3Settings settings) {
        return settings.credentials() == null
                ? DefaultCredentialsProvider.builder().build()
                : StaticCredentialsProvider.create(settings.credentials());
    }

    private static ClientOverrideConfiguration overrides(final S3Settings settings) {
        final ClientOverrideConfiguration.Builder overrides = ClientOverrideConfiguration.builder()
                .retryStrategy(AwsRetryStrategy.standardRetryStrategy().toBuilder()
                        .maxAttempts(settings.maxAttempts())
                        .build());
        if (settings.apiCallTimeout() != null) {
            overrides.apiCallTimeout(settings.apiCallTimeout());
        }
        if (settings.apiCallAttemptTimeout() != null) {
            overrides.apiCallAttemptTimeout(settings.apiCallAttemptTimeout());
        }
        return overrides.build();
    }
}
