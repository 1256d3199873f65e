package io.mailroute.cli.bench;

import io.mailroute.stack.ClusterFile;
import java.util.List;

/**
 * The topology instances of a running cluster, as its {@link ClusterFile} lists them, and the
 * application id they run under (their consumer group).
 */
public record ClusterInstances(List<ClusterFile.Instance> instances, String applicationId) {
    public ClusterInstances {
        instances = List.copyOf(instances);
    }
}
