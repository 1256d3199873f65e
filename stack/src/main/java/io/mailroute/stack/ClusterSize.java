package io.mailroute.stack;

import io.mailroute.embedded.EmbeddedKafka;

/**
 * How many processes of each kind {@code mailroute local} runs: KRaft brokers, Connect workers
 * (one distributed group) and topology instances. One of each is the single JVM of {@link
 * MailrouteStack#builder()}'s pipeline; anything more runs each in a JVM of its own ({@link LocalCluster}).
 */
public record ClusterSize(int brokers, int workers, int instances) {
    /** Everything in one JVM. */
    public static final ClusterSize SINGLE = new ClusterSize(1, 1, 1);

    /** @throws IllegalArgumentException when a count is below 1 */
    public ClusterSize {
        atLeastOne("--brokers", brokers);
        atLeastOne("--workers", workers);
        atLeastOne("--instances", instances);
    }

    /** Whether the processes run in JVMs of their own. */
    public boolean separateJvms() {
        return !equals(SINGLE);
    }

    /** Replication factor of the topics: the brokers' own default for their count. */
    public short replicationFactor() {
        return (short) EmbeddedKafka.replicationFactor(brokers);
    }

    /** {@code min.insync.replicas} of the topics: the brokers' own default for their count. */
    public int minInsyncReplicas() {
        return EmbeddedKafka.minInsyncReplicas(brokers);
    }

    private static void atLeastOne(final String option, final int count) {
        if (count < 1) {
            throw new IllegalArgumentException(option + " must be at least 1, not " + count);
        }
    }
}
