package io.mailroute.cli.bench;

import io.mailroute.stack.ClusterFile;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/**
 * One topology instance's part of the instances phase: the mails its stream threads consumed from
 * mail.raw between two scrapes, per second of the phase, and as a share of all instances' mails.
 *
 * @param pid         the instance's process id
 * @param statusUrl   its status server
 * @param mails       records consumed from mail.raw during the phase (0 when unreachable)
 * @param mailsPerSec {@code mails} over the phase's seconds
 * @param share       {@code mails} over all reachable instances' mails, 0-1
 * @param problem     why it could not be scraped before or after the phase; empty when it was
 */
public record InstanceThroughput(
        long pid, String statusUrl, long mails, double mailsPerSec, double share, Optional<String> problem) {

    public boolean reachable() {
        return problem.isEmpty();
    }

    /**
     * The throughput of each of {@code instances} from its scrapes {@code before} and {@code after}
     * (same order) over {@code seconds}. A counter lower after than before was restarted (its consumer
     * was replaced): the instance's mails are then what it counted since.
     */
    static List<InstanceThroughput> of(
            final List<ClusterFile.Instance> instances,
            final List<InstanceScrape> before,
            final List<InstanceScrape> after,
            final double seconds) {
        final long total = total(before, after);
        final List<InstanceThroughput> throughput = new ArrayList<>();
        for (int i = 0; i < instances.size(); i++) {
            final ClusterFile.Instance instance = instances.get(i);
            final long consumed = consumedBetween(before.get(i), after.get(i));
            final InstanceScrape later = after.get(i);
            throughput.add(new InstanceThroughput(
                    instance.pid(),
                    instance.statusUrl(),
                    consumed,
                    seconds <= 0 ? 0 : consumed / seconds,
                    total == 0 ? 0 : (double) consumed / total,
                    before.get(i).problem().or(later::problem)));
        }
        return throughput;
    }

    /** The mails all instances that answered both scrapes consumed between them. */
    static long total(final List<InstanceScrape> before, final List<InstanceScrape> after) {
        long total = 0;
        for (int i = 0; i < before.size(); i++) {
            total += consumedBetween(before.get(i), after.get(i));
        }
        return total;
    }

    private static long consumedBetween(final InstanceScrape before, final InstanceScrape after) {
        if (!before.reachable() || !after.reachable()) {
            return 0;
        }
        final long from = before.consumed().getAsLong();
        final long to = after.consumed().getAsLong();
        return to >= from ? to - from : to;
    }
}
