package io.mailroute.cli.reliability;

import io.mailroute.cli.bench.SizeMix;
import java.util.Locale;

/**
 * How big the reliability suite runs: {@code short} in every {@code mvn -B verify}, {@code long}
 * (the figures the reliability issue names) with {@code -Preliability}.
 */
enum Scale {
    SHORT(600, 20, SizeMix.SMALL, 500, 3_000, 100, 2_000, 40),
    LONG(20_000, 100, SizeMix.REALISTIC, 10_000, 100_000, 2_000, 20_000, 40);

    /** Mails flowing while processes are killed. */
    final int crashMails;
    /** Upload rate while processes are killed, mails per second. */
    final int crashRate;
    /** Sizes of the mail flowing through the crashes (the long form includes 1-20 MB claim-checks). */
    final SizeMix sizes;
    /** Fuzzed mails. */
    final int fuzzedMails;
    /** Mails of the flooding sender. */
    final int floodMails;
    /** Mails of the well-behaved senders during the flood. */
    final int normalMails;
    /** Mails flowing through the multi-process cluster while one instance and one broker are killed. */
    final int clusterMails;
    /** Upload rate into the cluster, mails per second. */
    final int clusterRate;

    Scale(
            final int crashMails,
            final int crashRate,
            final SizeMix sizes,
            final int fuzzedMails,
            final int floodMails,
            final int normalMails,
            final int clusterMails,
            final int clusterRate) {
        this.crashMails = crashMails;
        this.crashRate = crashRate;
        this.sizes = sizes;
        this.fuzzedMails = fuzzedMails;
        this.floodMails = floodMails;
        this.normalMails = normalMails;
        this.clusterMails = clusterMails;
        this.clusterRate = clusterRate;
    }

    static Scale current() {
        return valueOf(System.getProperty("mailroute.reliability", "short").toUpperCase(Locale.ROOT));
    }
}
