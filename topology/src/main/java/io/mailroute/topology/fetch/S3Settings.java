package io.mailroute.topology.fetch;

import java.time.Duration;

/**
 * How to reach the bucket claim-checked mail waits in.
 *
 * @param endpoint    endpoint override (MinIO, S3Proxy), or null for AWS
 * @param region      signing region
 * @param pathStyle   path-style addressing, needed by most S3-compatible servers
 * @param accessKey   access key, or null for the default AWS credentials chain
 * @param secretKey   secret key with {@code accessKey}; never logged
 * @param maxAttempts attempts per fetch, SDK retries included
 * @param timeout     time limit of one fetch, retries included
 */
public record S3Settings(String endpoint, String region, boolean pathStyle, String accessKey, String secretKey, int maxAttempts,
                         Duration timeout) {
    @Override
    public String toString() {
        return "S3Settings[endpoint=" + endpoint + ", region=" + region + ", pathStyle=" + pathStyle + ", accessKey="
                + (accessKey == null ? "default chain" : "set") + ", maxAttempts=" + maxAttempts + ", timeout=" + timeout + "]";
    }
}
