package io.mailroute.topology.fetch;

import io.mailroute.s3.ClaimCheck;
import io.mailroute.s3.ClaimChecks;
import io.mailroute.s3.S3Clients;
import io.mailroute.s3.S3Settings;
import java.time.Duration;
import software.amazon.awssdk.services.s3.S3Client;

/**
 * Fetches claim-checked mail from S3 (or an S3-compatible endpoint such as MinIO or S3Proxy) by
 * redeeming its claim check ({@link ClaimChecks#fetch}: the version and ETag recorded, size and
 * SHA-256 verified) with a client from {@link S3Clients}. A fetch blocks a stream thread: besides
 * the call timeout ({@code mailroute.s3.api.call.timeout.ms}) each of the
 * {@code mailroute.s3.max.attempts} attempts gets an equal share of it, so that one stalled attempt
 * cannot use up the others' time. The client is created on the first fetch, so building a topology
 * does no I/O.
 */
public final class S3MailBodyStore implements MailBodyStore {
    private final S3Settings settings;
    private S3Client client;
    private ClaimChecks claimChecks;

    public S3MailBodyStore(final S3Settings settings) {
        this.settings = settings.apiCallTimeout() == null
                ? settings
                : settings.withApiCallAttemptTimeout(
                        Duration.ofMillis(Math.max(1, settings.apiCallTimeout().toMillis() / settings.maxAttempts())));
    }

    @Override
    public byte[] fetch(final ClaimCheck check) {
        return claimChecks().fetch(check);
    }

    private synchronized ClaimChecks claimChecks() {
        if (claimChecks == null) {
            client = S3Clients.create(settings);
            claimChecks = new ClaimChecks(client);
        }
        return claimChecks;
    }

    @Override
    public synchronized void close() {
        if (client != null) {
            client.close();
            client = null;
            claimChecks = null;
        }
    }
}
