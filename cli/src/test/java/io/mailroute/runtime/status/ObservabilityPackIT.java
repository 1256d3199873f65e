package io.mailroute.runtime.status;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import java.time.Duration;
import java.util.Set;
import java.util.TreeSet;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

/**
 * Every metric the Grafana dashboard and the alert rules read is one the app's live {@code /metrics}
 * shows once mail has flowed, or, for the Connect workers' series, one the JMX exporter rules export.
 */
@Tag(StatusStack.INTEGRATION)
@ExtendWith(StatusStack.Resolver.class)
class ObservabilityPackIT {
    private static final Duration FLOW = Duration.ofSeconds(60);

    @Test
    void shouldQueryOnlyMetricsTheAppOrTheConnectExporterExports(final StatusStack stack) throws Exception {
        final ObservabilityPack pack = ObservabilityPack.read();
        final Set<String> appNames = new TreeSet<>(pack.metricNames());
        appNames.removeIf(name -> name.startsWith(ObservabilityPack.CONNECT_PREFIX));

        await().atMost(FLOW).untilAsserted(() -> {
            final String scrape = stack.get("/metrics").body();
            assertThat(scrape)
                    // the stack's mail has dead-lettered and waiting mail; other tests may release or retry it
                    .containsPattern("\nmailroute_dlq_records_total [1-9]")
                    .containsPattern("\nmailroute_retry_records_total [1-9]")
                    .containsPattern("\nmailroute_retry_waiting \\d")
                    .contains("mailroute_streams_state{state=\"RUNNING\"} 1")
                    .contains("mailroute_streams_state{state=\"ERROR\"} 0")
                    .contains("mailroute_deliveries_total{");
            assertThat(scrapedNames(scrape)).containsAll(appNames);
        });
        assertThat(pack.exporterNames())
                .containsAll(pack.metricNames().stream()
                        .filter(name -> name.startsWith(ObservabilityPack.CONNECT_PREFIX))
                        .toList());
    }

    /** The sample names of a Prometheus text scrape. */
    private static Set<String> scrapedNames(final String scrape) {
        final Set<String> names = new TreeSet<>();
        scrape.lines().filter(line -> !line.isBlank() && !line.startsWith("#")).forEach(line -> {
            int end = 0;
            while (end < line.length() && line.charAt(end) != '{' && line.charAt(end) != ' ') {
                end++;
            }
            names.add(line.substring(0, end));
        });
        return names;
    }
}
