package io.mailroute.topology;

import io.mailroute.topology.bouncereport.BounceClassifier;
import io.mailroute.topology.bouncereport.BounceDetector;
import io.mailroute.topology.config.MailrouteConfig;
import io.mailroute.topology.fetch.MailBodyStore;
import io.mailroute.topology.fetch.S3MailBodyStore;

/**
 * What the topology calls out to: the store claim-checked mail is fetched from, and the bounce
 * detector. Owned by whoever runs the topology, who closes it after the streams instance.
 *
 * @param bodies  claim-check fetches
 * @param bounces bounce detection (the seam for the bounce classifier)
 */
public record TopologyServices(MailBodyStore bodies, BounceDetector bounces) implements AutoCloseable {

    /** S3 from the {@code mailroute.s3.*} keys (the client is created on first fetch) and the bounce classifier. */
    public static TopologyServices from(final MailrouteConfig config) {
        return new TopologyServices(new S3MailBodyStore(config.s3Settings()), new BounceClassifier());
    }

    /** No claim-check store (inline mail only) and the bounce classifier: for in-process runs. */
    public static TopologyServices inlineOnly() {
        return new TopologyServices(MailBodyStore.NONE, new BounceClassifier());
    }

    @Override
    public void close() {
        bodies.close();
    }
}
