package io.mailroute.s3;

import software.amazon.awssdk.auth.credentials.AwsCredentialsProvider;
import software.amazon.awssdk.auth.credentials.DefaultCredentialsProvider;
import software.amazon.awssdk.auth.credentials.StaticCredentialsProvider;
import software.amazon.awssdk.awscore.retry.AwsRetryStrategy;
import software.amazon.awssdk.http.urlconnection.UrlConnectionHttpClient;
import software.amazon.awssdk.regions.Region;
import software.amazon.awssdk.services.sqs.SqsClient;
import software.amazon.awssdk.services.sqs.SqsClientBuilder;

/**
 * Builds every SQS client of mailroute from {@link SqsSettings}, as {@link S3Clients} builds S3
 * ones: the JDK's URL-connection HTTP client, the region, the endpoint override when set, static
 * credentials or the default chain, and the SDK's standard retry strategy with the settings' attempts.
 * No API-call timeout: a long poll waits by design.
 */
public final class SqsClients {
    private SqsClients() {}

    /** A client for {@code settings}; the caller closes it. */
    public static SqsClient create(final SqsSettings settings) {
        return builder(settings).build();
    }

    /** A builder configured for {@code settings}, for users that add to it (credentials in an assumed role). */
    public static SqsClientBuilder builder(final SqsSettings settings) {
        final SqsClientBuilder builder = SqsClient.builder()
                .httpClientBuilder(UrlConnectionHttpClient.builder())
                .region(Region.of(settings.region()))
                .credentialsProvider(credentialsProvider(settings))
                .overrideConfiguration(o -> o.retryStrategy(AwsRetryStrategy.standardRetryStrategy().toBuilder()
                        .maxAttempts(settings.maxAttempts())
                        .build()));
        if (settings.endpoint() != null) {
            builder.endpointOverride(settings.endpoint());
        }
        return builder;
    }

    /** The settings' static credentials, or the default chain without them. */
    public static AwsCredentialsProvider credentialsProvider(final SqsSettings settings) {
        return settings.credentials() == null
                ? DefaultCredentialsProvider.builder().build()
                : StaticCredentialsProvider.create(settings.credentials());
    }
}
