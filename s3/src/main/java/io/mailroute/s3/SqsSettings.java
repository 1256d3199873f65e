package io.mailroute.s3;

import java.net.URI;
import java.util.Objects;
import software.amazon.awssdk.auth.credentials.AwsCredentials;

/**
 * Which SQS queue S3 event notifications are read from, where SQS is and as whom: what
 * {@link SqsConfigFragment} reads and {@link SqsClients} builds a client from. Credentials and
 * attempts are those of the S3 settings the queue goes with: one identity reads the bucket and its
 * notifications.
 *
 * @param queueUrl    the queue's URL, e.g. {@code https://sqs.us-east-1.amazonaws.com/123456789012/mail-inbound}
 * @param endpoint    endpoint override (ElasticMQ), or null for the AWS endpoint of the region
 * @param region      region requests are signed for
 * @param credentials static credentials, or null for the default AWS credentials chain; never logged
 * @param maxAttempts attempts per call, SDK retries included
 */
public record SqsSettings(String queueUrl, URI endpoint, String region, AwsCredentials credentials, int maxAttempts) {
    /** The attempts of the SDK's standard retry mode. */
    public static final int DEFAULT_MAX_ATTEMPTS = 3;

    public SqsSettings {
        Objects.requireNonNull(queueUrl, "queueUrl");
        Objects.requireNonNull(region, "region");
        if (maxAttempts < 1) {
            throw new IllegalArgumentException("maxAttempts must be at least 1: " + maxAttempts);
        }
    }

    /** The queue {@code queueUrl} of an SQS-compatible endpoint, reached as {@code s3} reaches its store. */
    public static SqsSettings forEndpoint(final String queueUrl, final URI endpoint, final S3Settings s3) {
        return new SqsSettings(
                queueUrl,
                Objects.requireNonNull(endpoint, "endpoint"),
                s3.region(),
                s3.credentials(),
                s3.maxAttempts());
    }

    @Override
    public String toString() {
        return "SqsSettings[queueUrl=" + queueUrl + ", endpoint=" + (endpoint == null ? "AWS" : endpoint)
                + ", region=" + region + ", credentials=" + (credentials == null ? "default chain" : "static")
                + ", maxAttempts=" + maxAttempts + "]";
    }
}
