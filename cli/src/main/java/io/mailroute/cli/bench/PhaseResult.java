package io.mailroute.cli.bench;

import java.util.Map;

/**
 * What one benchmark phase measured.
 *
 * @param mails           mails the phase was given
 * @param processed       mails it saw through (parsed, consumed, routed)
 * @param bytes           mail bytes processed
 * @param seconds         wall-clock time of the measured part
 * @param cpuPercent      process CPU time over wall time and all cores, 0-100
 * @param cpuShare        each component's part of the process CPU time, in percent (sums to 100; empty
 *                        where the JVM does not measure thread CPU time)
 * @param jitSeconds      time the JIT compilers spent compiling during the measured part (summed over
 *                        compiler threads, as the JVM reports it): how much of the phase was warm-up
 * @param heapUsedBeforeMb heap in use when the phase started, after a GC
 * @param heapUsedAfterMb heap in use when it ended, after a GC, its app still running
 * @param heapMaxMb       the heap limit
 * @param latency         S3-put-to-lane latency, for the pipeline phase only
 * @param putRate         mails per second actually put into S3 (the pipeline's offered rate achieved), else 0
 */
public record PhaseResult(
        long mails,
        long processed,
        long bytes,
        double seconds,
        double cpuPercent,
        Map<CpuComponent, Double> cpuShare,
        double jitSeconds,
        double heapUsedBeforeMb,
        double heapUsedAfterMb,
        double heapMaxMb,
        Latencies.Summary latency,
        long putRate) {

    public PhaseResult {
        cpuShare = Map.copyOf(cpuShare);
    }

    /** This result with the S3 put rate achieved. */
    public PhaseResult withPutRate(final long rate) {
        return new PhaseResult(
                mails,
                processed,
                bytes,
                seconds,
                cpuPercent,
                cpuShare,
                jitSeconds,
                heapUsedBeforeMb,
                heapUsedAfterMb,
                heapMaxMb,
                latency,
                rate);
    }

    public double mailsPerSec() {
        return seconds <= 0 ? 0 : processed / seconds;
    }

    public double mbPerSec() {
        return seconds <= 0 ? 0 : bytes / 1024.0 / 1024.0 / seconds;
    }
}
