package io.mailroute.cli.bench;

import java.util.Collections;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

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
 * @param recordsWritten  records appended to all topics during the phase (internal ones and transaction
 *                        markers included, see {@link LogEndOffsets}), or -1 where not counted
 * @param byRate          the latency phase's result at each offered rate, by mails per second; else empty
 * @param instances       the instances phase's result per topology instance of the cluster; else empty
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
        long putRate,
        long recordsWritten,
        Map<Integer, PhaseResult> byRate,
        List<InstanceThroughput> instances) {

    public PhaseResult {
        cpuShare = Map.copyOf(cpuShare);
        byRate = Collections.unmodifiableMap(new TreeMap<>(byRate));
        instances = List.copyOf(instances);
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
                rate,
                recordsWritten,
                byRate,
                instances);
    }

    /** This result with the records appended to all topics during the phase. */
    public PhaseResult withRecordsWritten(final long records) {
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
                putRate,
                records,
                byRate,
                instances);
    }

    /** This result with the results at each offered rate. */
    public PhaseResult withRates(final Map<Integer, PhaseResult> rates) {
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
                putRate,
                recordsWritten,
                rates,
                instances);
    }

    /** This result with each topology instance's part. */
    public PhaseResult withInstances(final List<InstanceThroughput> perInstance) {
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
                putRate,
                recordsWritten,
                byRate,
                perInstance);
    }

    /** Records appended to all topics per mail seen through, or -1 where not counted or no mail was. */
    public double recordsWrittenPerMail() {
        return recordsWritten < 0 || processed == 0 ? -1 : (double) recordsWritten / processed;
    }

    public double mailsPerSec() {
        return seconds <= 0 ? 0 : processed / seconds;
    }

    /**
     * Mails seen through per second of the process's CPU time: the rate the phase would reach with
     * every core to itself, which on a machine others load too compares phases better than mails/s.
     */
    public double mailsPerCpuSecond() {
        final double cpuSeconds = cpuPercent / 100 * Runtime.getRuntime().availableProcessors() * seconds;
        return cpuSeconds <= 0 ? 0 : processed / cpuSeconds;
    }

    /** CPU as a share of one core: {@link #cpuPercent()} times the cores. */
    public double cpuPercentOfOneCore() {
        return cpuPercent * Runtime.getRuntime().availableProcessors();
    }

    public double mbPerSec() {
        return seconds <= 0 ? 0 : bytes / 1024.0 / 1024.0 / seconds;
    }
}
