package io.mailroute.ops.bench;

import java.lang.management.CompilationMXBean;
import java.lang.management.ManagementFactory;
import java.lang.management.MemoryMXBean;

/** Wall time, process CPU and heap of one phase: started before the measured work, read after it (heap after a GC both times). */
final class PhaseMeter {
    private static final double MB = 1024.0 * 1024.0;

    private final com.sun.management.OperatingSystemMXBean os;
    private final MemoryMXBean memory = ManagementFactory.getMemoryMXBean();
    private final CompilationMXBean jit = ManagementFactory.getCompilationMXBean();
    private final double heapBefore;
    private long startNanos;
    private long startCpu;
    private long startJitMillis;

    private PhaseMeter() {
        this.os = (com.sun.management.OperatingSystemMXBean) ManagementFactory.getOperatingSystemMXBean();
        System.gc();
        this.heapBefore = memory.getHeapMemoryUsage().getUsed() / MB;
        restart();
    }

    static PhaseMeter start() {
        return new PhaseMeter();
    }

    /** Starts the clocks again, e.g. once set-up work that should not count is done. */
    void restart() {
        this.startNanos = System.nanoTime();
        this.startCpu = os.getProcessCpuTime();
        this.startJitMillis = jitMillis();
    }

    PhaseResult stop(final long mails, final long processed, final long bytes, final Latencies.Summary latency) {
        final long wall = System.nanoTime() - startNanos;
        final long cpu = os.getProcessCpuTime() - startCpu;
        final double cpuPercent = wall <= 0 ? 0 : 100.0 * cpu / wall / Runtime.getRuntime().availableProcessors();
        // after a GC and with the phase's app still running: what the phase keeps, not its garbage
        System.gc();
        final double jitSeconds = (jitMillis() - startJitMillis) / 1e3;
        return new PhaseResult(mails, processed, bytes, wall / 1e9, cpuPercent, jitSeconds, heapBefore, memory.getHeapMemoryUsage().getUsed() / MB,
                memory.getHeapMemoryUsage().getMax() / MB, latency, 0);
    }

    private long jitMillis() {
        return jit != null && jit.isCompilationTimeMonitoringSupported() ? jit.getTotalCompilationTime() : 0;
    }
}
