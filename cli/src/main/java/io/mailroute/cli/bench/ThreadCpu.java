package io.mailroute.cli.bench;

import java.lang.management.ManagementFactory;
import java.lang.management.ThreadInfo;
import java.lang.management.ThreadMXBean;
import java.util.EnumMap;
import java.util.HashMap;
import java.util.Map;

/** CPU time of the JVM's live threads, per {@link CpuComponent}, between a snapshot and now. */
final class ThreadCpu {
    private final ThreadMXBean threads = ManagementFactory.getThreadMXBean();
    private final Map<Long, Long> cpuNanosById = new HashMap<>();

    private ThreadCpu() {
        if (supported()) {
            for (final long id : threads.getAllThreadIds()) {
                final long cpu = threads.getThreadCpuTime(id);
                if (cpu >= 0) {
                    cpuNanosById.put(id, cpu);
                }
            }
        }
    }

    static ThreadCpu snapshot() {
        return new ThreadCpu();
    }

    /**
     * The CPU nanoseconds each component's live threads spent since the snapshot, and as
     * {@link CpuComponent#UNATTRIBUTED} what is left of {@code processCpuNanos}; empty when the JVM
     * does not measure thread CPU time.
     */
    Map<CpuComponent, Long> since(final long processCpuNanos) {
        final Map<CpuComponent, Long> byComponent = new EnumMap<>(CpuComponent.class);
        if (!supported()) {
            return byComponent;
        }
        long attributed = 0;
        for (final ThreadInfo info : threads.getThreadInfo(threads.getAllThreadIds())) {
            if (info == null) {
                continue;
            }
            final long cpu = threads.getThreadCpuTime(info.getThreadId());
            if (cpu < 0) {
                continue;
            }
            final long spent = Math.max(0, cpu - cpuNanosById.getOrDefault(info.getThreadId(), 0L));
            byComponent.merge(CpuComponent.of(info.getThreadName()), spent, Long::sum);
            attributed += spent;
        }
        byComponent.put(CpuComponent.UNATTRIBUTED, Math.max(0, processCpuNanos - attributed));
        return byComponent;
    }

    private boolean supported() {
        return threads.isThreadCpuTimeSupported() && threads.isThreadCpuTimeEnabled();
    }
}
