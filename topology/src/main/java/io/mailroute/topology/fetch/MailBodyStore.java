package io.mailroute.topology.fetch;

import io.mailroute.s3.ClaimCheck;
import io.mailroute.s3.S3Failure;

/**
 * Where claim-checked mail bytes are fetched from. Implementations verify that the bytes are the
 * ones the claim check records and fail with a classified {@link S3Failure}, after retrying within
 * their own bounds; the fetch stage decides from its kind whether the mail waits or is
 * dead-lettered. Must be thread-safe: stream threads share one instance.
 */
public interface MailBodyStore extends AutoCloseable {

    /** A store for topologies that only ever see inline mail: no claim-checked mail can be found. */
    MailBodyStore NONE = new MailBodyStore() {
        @Override
        public byte[] fetch(final ClaimCheck check) {
            throw S3Failure.mailroute(
                    S3Failure.Kind.NOT_FOUND,
                    "no-body-store",
                    "No mail body store is configured (mailroute.s3.*) to fetch " + check.bucket() + "/" + check.key());
        }

        @Override
        public void close() {
            // nothing to release
        }
    };

    /**
     * The verified bytes of the mail {@code check} names.
     *
     * @throws S3Failure when they cannot be fetched or are not the ones recorded
     */
    byte[] fetch(ClaimCheck check);

    @Override
    void close();
}
