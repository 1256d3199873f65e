package io.mailroute.runtime.status;

import io.micrometer.core.instrument.FunctionCounter;
import io.micrometer.core.instrument.Gauge;
import io.micrometer.core.instrument.MeterRegistry;
import java.nio.ByteBuffer;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicLong;

/**
 * What the lane watcher has seen on {@code mail.dlq} and {@code mail.retry}: dead letters and
 * scheduled retries as the counters {@value #DLQ_METER} and {@value #RETRY_METER}, and the retry
 * backlog {@value #WAITING_METER}: the keys whose latest {@code mail.retry} record is a wait, not the
 * tombstone that ends it.
 */
final class ErrorLaneCounts {
    static final String DLQ_METER = "mailroute.dlq.records";
    static final String RETRY_METER = "mailroute.retry.records";
    static final String WAITING_METER = "mailroute.retry.waiting";

    private final AtomicLong deadLetters = new AtomicLong();
    private final AtomicLong retries = new AtomicLong();
    private final Set<ByteBuffer> waiting = ConcurrentHashMap.newKeySet();

    ErrorLaneCounts(final MeterRegistry registry) {
        FunctionCounter.builder(DLQ_METER, deadLetters, AtomicLong::doubleValue)
                .description("Records seen on the dead-letter topic")
                .register(registry);
        FunctionCounter.builder(RETRY_METER, retries, AtomicLong::doubleValue)
                .description("Retries scheduled: records on the retry topic that are not tombstones")
                .register(registry);
        Gauge.builder(WAITING_METER, waiting, Set::size)
                .description("Mails waiting for a retry: retry-topic keys whose latest record is not a tombstone")
                .strongReference(true)
                .register(registry);
    }

    void addDeadLetter() {
        deadLetters.incrementAndGet();
    }

    /** A record on the retry topic: a wait under {@code key}, or with {@code isEnd} its tombstone. */
    void addRetry(final byte[] key, final boolean isEnd) {
        if (key == null) {
            return;
        }
        final ByteBuffer mailKey = ByteBuffer.wrap(key);
        if (isEnd) {
            waiting.remove(mailKey);
        } else {
            retries.incrementAndGet();
            waiting.add(mailKey);
        }
    }
}
