package io.mailroute.cli.bench;

import java.lang.management.CompilationMXBean;
import java.lang.management.ManagementFactory;
import java.lang.management.MemoryMXBean;
import java.util.EnumMap;
import java.util.List;
import java.util.Map;

/** Wall time, process CPU (and its share per component) and heap of one phase: started before the measured work, read after it (heap after a GC both times). */
final class PhaseMeter {
    private static final double MB = 1024.0 * 1024.0;

    private final com.sun.management.OperatingSystemMXBean os;
    private final MemoryMXBean memory = ManagementFactory.getMemoryMXBean();
    private final CompilationMXBean jit = ManagementFactory.getCompilationMXBean();
    private final double heapBefore;
    private long startNanos;
    private long startCpu;
    private long startJitMillis;
    private ThreadCpu startThreads;

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
        this.startThreads = ThreadCpu.snapshot();
    }

    PhaseResult stop(final long mails, final long processed, final long bytes, final Latencies.Summary latency) {
        final long wall = System.nanoTime() - startNanos;
        final long cpu = os.getProcessCpuTime() - startCpu;
        final Map<CpuComponent, Double> cpuShare = shares(startThreads.since(cpu));
        final double cpuPercent =
                wall <= 0 ? 0 : 100.0 * cpu / wall / Runtime.getRuntime().availableProcessors();
        // after a GC and with the phase's app still running: what the phase keeps, not its garbage
        System.gc();
        final double jitSeconds = (jitMillis() - startJitMillis) / 1e3;
        return new PhaseResult(
                mails,
                processed,
                bytes,
                wall / 1e9,
                cpuPercent,
                cpuShare,
                jitSeconds,
                heapBefore,
                memory.getHeapMemoryUsage().getUsed() / MB,
                memory.getHeapMemoryUsage().getMax() / MB,
                latency,
                0,
                -1,
                Map.of(),
                List.of());
    }

    /** Each component's part of the CPU time the threads and the rest of the process spent, in percent. */
    private static Map<CpuComponent, Double> shares(final Map<CpuComponent, Long> nanos) {
        final long total = nanos.values().stream().mapToLong(Long::longValue).sum();
        final Map<CpuComponent, Double> shares = new EnumMap<>(CpuComponent.class);
        if (total > 0) {
            nanos.forEach((component, spent) -> shares.put(component, 100.0 * spent / total));
        }
        return shares;
    }

    private long jitMillis() {
        return jit != null && jit.isCompilationTimeMonitoringSupported() ? jit.getTotalCompilationTime() : 0;
    }
}
