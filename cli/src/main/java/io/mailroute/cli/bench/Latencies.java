package io.mailroute.cli.bench;

import java.util.Arrays;

/** Latency samples in milliseconds, summarized as percentiles. Thread-safe. */
final class Latencies {
    private long[] samples = new long[1024];
    private int count;

    synchronized void add(final long millis) {
        if (count == samples.length) {
            samples = Arrays.copyOf(samples, count * 2);
        }
        samples[count++] = millis;
    }

    synchronized Summary summary() {
        final long[] sorted = Arrays.copyOf(samples, count);
        Arrays.sort(sorted);
        return new Summary(
                count,
                percentile(sorted, 50),
                percentile(sorted, 95),
                percentile(sorted, 99),
                count == 0 ? 0 : sorted[count - 1]);
    }

    private static long percentile(final long[] sorted, final int p) {
        if (sorted.length == 0) {
            return 0;
        }
        final int rank = (int) Math.ceil(p / 100.0 * sorted.length);
        return sorted[Math.max(0, rank - 1)];
    }

    /** Percentiles (nearest rank) and the maximum, in milliseconds, over {@code samples} mails. */
    record Summary(long samples, long p50, long p95, long p99, long max) {}
}
