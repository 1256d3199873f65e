package io.mailroute.s3;

import java.net.URI;
import java.time.Duration;
import java.util.Objects;
import software.amazon.awssdk.auth.credentials.AwsCredentials;

/**
 * Where S3 is, as whom and how hard one call tries: what {@link S3ConfigFragment} reads and
 * {@link S3Clients} builds a client from.
 *
 * @param endpoint              endpoint override (MinIO, S3Proxy), or null for the AWS endpoint of the region
 * @param region                region requests are signed for
 * @param pathStyleAccess       address buckets as {@code http://host/bucket}, as most S3-compatible servers need
 * @param credentials           static credentials, or null for the default AWS credentials chain; never logged
 * @param maxAttempts           attempts per call, SDK retries included
 * @param apiCallTimeout        upper bound of one call with its retries, or null for none
 * @param apiCallAttemptTimeout upper bound of one attempt, or null for none; no key sets it: a user that needs
 *                              one decides it from the others (the topology's claim-check fetch does)
 */
public record S3Settings(
        URI endpoint,
        String region,
        boolean pathStyleAccess,
        AwsCredentials credentials,
        int maxAttempts,
        Duration apiCallTimeout,
        Duration apiCallAttemptTimeout) {
    /** The attempts of the SDK's standard retry mode. */
    public static final int DEFAULT_MAX_ATTEMPTS = 3;
    /**
     * The attempts of {@link #forEndpoint}: S3Proxy now and then closes a keep-alive connection just
     * after answering, and the JDK's client fails a streamed PUT sent on it (about 5 % of first
     * attempts on a loaded machine); three attempts all failing that way failed builds.
     */
    public static final int LOCAL_ENDPOINT_MAX_ATTEMPTS = 6;

    public S3Settings {
        Objects.requireNonNull(region, "region");
        if (maxAttempts < 1) {
            throw new IllegalArgumentException("maxAttempts must be at least 1: " + maxAttempts);
        }
    }

    /**
     * An S3-compatible endpoint reached with path-style requests and static credentials, with
     * {@value #LOCAL_ENDPOINT_MAX_ATTEMPTS} attempts and no timeouts: how tools and tests reach
     * S3Proxy or MinIO.
     */
    public static S3Settings forEndpoint(final URI endpoint, final String region, final AwsCredentials credentials) {
        return new S3Settings(
                Objects.requireNonNull(endpoint, "endpoint"),
                region,
                true,
                credentials,
                LOCAL_ENDPOINT_MAX_ATTEMPTS,
                null,
                null);
    }

    public S3Settings withCredentials(final AwsCredentials newCredentials) {
        return new S3Settings(
                endpoint, region, pathStyleAccess, newCredentials, maxAttempts, apiCallTimeout, apiCallAttemptTimeout);
    }

    public S3Settings withMaxAttempts(final int attempts) {
        return new S3Settings(
                endpoint, region, pathStyleAccess, credentials, attempts, apiCallTimeout, apiCallAttemptTimeout);
    }

    public S3Settings withApiCallTimeout(final Duration timeout) {
        return new S3Settings(
                endpoint, region, pathStyleAccess, credentials, maxAttempts, timeout, apiCallAttemptTimeout);
    }

    public S3Settings withApiCallAttemptTimeout(final Duration timeout) {
        return new S3Settings(endpoint, region, pathStyleAccess, credentials, maxAttempts, apiCallTimeout, timeout);
    }

    @Override
    public String toString() {
        return "S3Settings[endpoint=" + (endpoint == null ? "AWS" : endpoint) + ", region=" + region
                + ", pathStyleAccess=" + pathStyleAccess
                + ", credentials=" + (credentials == null ? "default chain" : "static")
                + ", maxAttempts=" + maxAttempts + ", apiCallTimeout=" + apiCallTimeout + ", apiCallAttemptTimeout="
                + apiCallAttemptTimeout + "]";
    }
}
