package io.mailroute.cli.bench;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.util.EnumMap;
import java.util.EnumSet;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** The report's JSON keys and ratios, and the chart drawn from the same results. */
class BenchReportTest {
    private static final BenchSettings SETTINGS = new BenchSettings(
            1_000, 1_000, 100, SizeMix.SMALL, 42, 4, 2, 2, true, 1_000, EnumSet.allOf(BenchSettings.Phase.class));

    @Test
    void shouldReportEveryPhaseAndTheTargetRatios() throws Exception {
        // given: 1,000 mails per phase in 0.1, 0.05, 0.04, 0.2 and 0.5 s
        final Map<BenchSettings.Phase, PhaseResult> results = new EnumMap<>(BenchSettings.Phase.class);
        results.put(BenchSettings.Phase.PARSE_ONLY, result(0.1, null));
        results.put(BenchSettings.Phase.BROKER_ONLY, result(0.05, null));
        results.put(BenchSettings.Phase.PASSTHROUGH, result(0.04, null));
        results.put(BenchSettings.Phase.TOPOLOGY, result(0.2, null));
        results.put(BenchSettings.Phase.PIPELINE, result(0.5, new Latencies.Summary(1_000, 120, 300, 450, 700)));

        // when
        final JsonNode json = new ObjectMapper().readTree(BenchReport.json(SETTINGS, "embedded", results));

        // then
        assertThat(json.path("parseOnly").path("mailsPerSec").asDouble()).isEqualTo(10_000);
        assertThat(json.path("topology").path("mbPerSec").asDouble()).isEqualTo(4.77);
        assertThat(json.path("pipeline").path("latencyMs").path("p99").asLong()).isEqualTo(450);
        assertThat(json.path("pipeline").path("putRate").asLong()).isEqualTo(990);
        assertThat(json.path("topology").path("jitSeconds").asDouble()).isEqualTo(3);
        assertThat(json.path("topology").has("putRate")).isFalse();
        assertThat(json.path("topology").path("cpuShare").path("streams").asDouble())
                .isEqualTo(60);
        assertThat(json.path("topology").path("cpuShare").path("s3").asDouble()).isZero();
        assertThat(json.path("topology").path("cpuShare").path("unattributed").asDouble())
                .isEqualTo(10);
        assertThat(json.path("ratios").path("topologyOverPassthrough").asDouble())
                .isEqualTo(0.2);
        assertThat(json.path("ratios").path("pipelineOverPassthrough").asDouble())
                .isEqualTo(0.08);
        assertThat(json.path("ratios").path("pipelineOverMinParseBroker").asDouble())
                .isEqualTo(0.2); // parse is the slower floor
        assertThat(json.path("settings").path("sizeMix").asText()).isEqualTo("small");
    }

    @Test
    void shouldDrawOneBarPerPhaseWithThePipelineLatency() {
        // given
        final Map<BenchSettings.Phase, PhaseResult> results = new EnumMap<>(BenchSettings.Phase.class);
        results.put(BenchSettings.Phase.PASSTHROUGH, result(0.04, null));
        results.put(BenchSettings.Phase.PIPELINE, result(0.5, new Latencies.Summary(1_000, 120, 300, 450, 700)));

        // when
        final String svg = BenchChart.svg(results);

        // then
        assertThat(svg).startsWith("<svg").contains("passthrough", "25,000 mails/s", "pipeline", "p99 450 ms");
        assertThat(svg.split("<rect", -1)).hasSize(3);
    }

    private static PhaseResult result(final double seconds, final Latencies.Summary latency) {
        return new PhaseResult(
                1_000,
                1_000,
                1_000 * 1_000L,
                seconds,
                50,
                Map.of(CpuComponent.STREAMS, 60.0, CpuComponent.BROKER, 30.0, CpuComponent.UNATTRIBUTED, 10.0),
                3,
                10,
                20,
                1_024,
                latency,
                latency == null ? 0 : 990);
    }
}
