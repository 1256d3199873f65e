package io.mailroute.topology.fetch;

/**
 * Where claim-checked mail bytes are fetched from. Implementations classify their failures once,
 * as transient or permanent, in {@link MailBodyException}; they retry within their own bounds
 * before giving up. Must be thread-safe: stream threads share one instance.
 */
public interface MailBodyStore extends AutoCloseable {

    /** A store for topologies that only ever see inline mail: every fetch fails permanently. */
    MailBodyStore NONE = new MailBodyStore() {
        @Override
        public byte[] fetch(final ClaimCheck check) throws MailBodyException {
            throw new MailBodyException("mailroute:no-body-store", "No mail body store is configured (mailroute.s3.*) to fetch "
                    + check.bucket() + "/" + check.key(), false, null);
        }

        @Override
        public void close() {
            // nothing to release
        }
    };

    /** The object's bytes. */
    byte[] fetch(ClaimCheck check) throws MailBodyException;

    @Override
    void close();
}
