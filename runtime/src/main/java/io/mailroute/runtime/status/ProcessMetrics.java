package io.mailroute.runtime.status;

import io.mailroute.runtime.app.MailrouteVersion;
import io.micrometer.core.instrument.Gauge;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.binder.jvm.ClassLoaderMetrics;
import io.micrometer.core.instrument.binder.jvm.JvmGcMetrics;
import io.micrometer.core.instrument.binder.jvm.JvmMemoryMetrics;
import io.micrometer.core.instrument.binder.jvm.JvmThreadMetrics;
import io.micrometer.core.instrument.binder.system.ProcessorMetrics;
import io.micrometer.core.instrument.binder.system.UptimeMetrics;
import java.util.Deque;

/**
 * The process's own figures on {@code /metrics}: JVM memory, GC, threads, classes, process CPU and
 * uptime, and {@code mailroute_build_info{version}} (always 1, to join on).
 */
final class ProcessMetrics {
    private ProcessMetrics() {}

    /** Binds the meters to {@code registry}; what must be closed goes onto {@code resources}. */
    static void bindTo(final MeterRegistry registry, final Deque<AutoCloseable> resources) {
        new JvmMemoryMetrics().bindTo(registry);
        final JvmGcMetrics gc = new JvmGcMetrics();
        resources.push(gc);
        gc.bindTo(registry);
        new JvmThreadMetrics().bindTo(registry);
        new ClassLoaderMetrics().bindTo(registry);
        new ProcessorMetrics().bindTo(registry);
        new UptimeMetrics().bindTo(registry);
        final MailrouteVersion version = MailrouteVersion.current();
        Gauge.builder("mailroute.build.info", () -> 1)
                .description("The running build: its version and the Kafka and Avro versions it was built with")
                .tag("version", version.mailroute())
                .tag("kafka", version.kafka())
                .tag("avro", version.avro())
                .register(registry);
    }
}
