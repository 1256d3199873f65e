package io.mailroute.runtime.status;

import static org.assertj.core.api.Assertions.assertThat;

import io.micrometer.prometheusmetrics.PrometheusConfig;
import io.micrometer.prometheusmetrics.PrometheusMeterRegistry;
import java.nio.charset.StandardCharsets;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

class ErrorLaneCountsTest {
    private final PrometheusMeterRegistry registry = new PrometheusMeterRegistry(PrometheusConfig.DEFAULT);
    private final ErrorLaneCounts counts = new ErrorLaneCounts(registry);

    @AfterEach
    void close() {
        registry.close();
    }

    @Test
    void shouldCountDeadLettersAndScheduledRetries() {
        counts.addDeadLetter();
        counts.addRetry(key("a"), false);
        counts.addRetry(key("a"), true);
        counts.addRetry(key("a"), false);

        assertThat(registry.scrape())
                .contains("mailroute_dlq_records_total 1.0")
                .contains("mailroute_retry_records_total 2.0")
                .contains("mailroute_retry_waiting 1.0");
    }

    @Test
    void shouldCountAMailWaitingOnceAndNotAfterItsTombstone() {
        counts.addRetry(key("a"), false);
        counts.addRetry(key("a"), false);
        counts.addRetry(key("b"), false);
        assertThat(waiting()).isEqualTo(2.0);

        counts.addRetry(key("a"), true);
        counts.addRetry(key("never-waited"), true);

        assertThat(waiting()).isEqualTo(1.0);
    }

    @Test
    void shouldIgnoreRetryRecordsWithoutKey() {
        counts.addRetry(null, false);

        assertThat(retries()).isZero();
        assertThat(waiting()).isZero();
    }

    private static byte[] key(final String mailId) {
        return mailId.getBytes(StandardCharsets.UTF_8);
    }

    private double waiting() {
        return registry.get(ErrorLaneCounts.WAITING_METER).gauge().value();
    }

    private double retries() {
        return registry.get(ErrorLaneCounts.RETRY_METER).functionCounter().count();
    }
}
