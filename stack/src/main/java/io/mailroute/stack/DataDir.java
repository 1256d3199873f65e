package io.mailroute.stack;

import java.nio.file.Path;

/**
 * Where a stack keeps the state of each service, below one directory: everything that must
 * survive a restart (also after {@code kill -9}) lives there.
 *
 * @param root the data directory
 */
record DataDir(Path root) {

    Path kafka() {
        return root.resolve("kafka");
    }

    /** The registry's journal: schema ids survive restarts. */
    Path registryJournal() {
        return root.resolve("schema-registry").resolve("schemas.journal");
    }

    Path s3() {
        return root.resolve("s3");
    }

    Path streams() {
        return root.resolve("streams");
    }

    /** The endpoints and S3 keys the connector configs read through Connect's {@code ${file:...}} provider. */
    Path connectEndpoints() {
        return root.resolve("connect").resolve("endpoints.properties").toAbsolutePath();
    }

    /** Broker {@code id}'s log directory in cluster mode (apart from the single broker's). */
    Path broker(final int id) {
        return root.resolve("cluster").resolve("broker-" + id);
    }

    /** Streams state of topology instance {@code number} in cluster mode. */
    Path instance(final int number) {
        return root.resolve("cluster").resolve("instance-" + number);
    }

    /** The S3 keys the topology instances of cluster mode read ({@code --config}). */
    Path instanceConfig() {
        return root.resolve("cluster").resolve("instance.properties");
    }

    /** The output of the cluster mode's processes, one file each. */
    Path log(final String process) {
        return root.resolve("cluster").resolve("logs").resolve(process + ".log");
    }

    /** The cluster mode's processes: {@link ClusterFile}. */
    Path clusterFile() {
        return root.resolve(ClusterFile.NAME);
    }
}
