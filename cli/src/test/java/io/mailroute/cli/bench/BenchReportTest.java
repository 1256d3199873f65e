package io.mailroute.cli.bench;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.util.EnumMap;
import java.util.EnumSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.junit.jupiter.api.Test;

/** The report's JSON keys and ratios, and the chart drawn from the same results. */
class BenchReportTest {
    private static final BenchSettings SETTINGS = new BenchSettings(
            1_000,
            1_000,
            100,
            SizeMix.SMALL,
            42,
            4,
            2,
            2,
            true,
            1_000,
            List.of(10, 50),
            10,
            0,
            EnumSet.allOf(BenchSettings.Phase.class));

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
    void shouldReportTheLimitPhasesRecordsWrittenAndIssue20Targets() throws Exception {
        // given: S3 alone 1,000 mails in 0.1 s, the connector in 0.125 s (0.8 of it), topology at 0.2 of the
        // passthrough, latency p99 450 ms at 10 mails/s and 700 ms at 50, idle at 2.5 % of all cores
        final Map<BenchSettings.Phase, PhaseResult> results = new EnumMap<>(BenchSettings.Phase.class);
        results.put(BenchSettings.Phase.S3_ONLY, result(0.1, null));
        results.put(BenchSettings.Phase.CONNECTOR_DRAIN, result(0.125, null).withRecordsWritten(3_000));
        results.put(BenchSettings.Phase.PASSTHROUGH, result(0.04, null));
        results.put(BenchSettings.Phase.TOPOLOGY, result(0.2, null).withRecordsWritten(9_500));
        results.put(
                BenchSettings.Phase.LATENCY,
                result(20, null)
                        .withRates(Map.of(
                                50, result(10, new Latencies.Summary(500, 120, 300, 700, 900)),
                                10, result(10, new Latencies.Summary(100, 110, 300, 450, 460)))));
        results.put(
                BenchSettings.Phase.IDLE,
                new PhaseResult(0, 0, 0, 10, 2.5, Map.of(), 0, 10, 20, 1_024, null, 0, 40, Map.of(), List.of()));
        final int cores = Runtime.getRuntime().availableProcessors();

        // when
        final JsonNode json = new ObjectMapper().readTree(BenchReport.json(SETTINGS, "embedded", results));

        // then
        assertThat(json.path("s3Only").path("mailsPerSec").asDouble()).isEqualTo(10_000);
        assertThat(json.path("s3Only").has("recordsWrittenPerMail"))
                .as("nothing written to Kafka, nothing counted")
                .isFalse();
        assertThat(json.path("connectorDrain").path("recordsWrittenPerMail").asDouble())
                .isEqualTo(3);
        assertThat(json.path("topology").path("recordsWrittenPerMail").asDouble())
                .isEqualTo(9.5);
        assertThat(json.path("ratios").path("connectorDrainOverS3Only").asDouble())
                .isEqualTo(0.8);
        assertThat(json.path("s3Only").path("mailsPerCpuSecond").asDouble())
                .as("1,000 mails over 0.1 s at half of all cores")
                .isCloseTo(20_000.0 / cores, within(0.01));
        assertThat(json.path("ratios")
                        .path("perCpuSecond")
                        .path("connectorDrainOverS3Only")
                        .asDouble())
                .isEqualTo(0.8);
        assertThat(json.path("ratios")
                        .path("perCpuSecond")
                        .path("topologyOverPassthrough")
                        .asDouble())
                .isEqualTo(0.2);
        assertThat(json.path("latency").path("rates").fieldNames()).toIterable().containsExactly("10", "50");
        assertThat(json.path("latency")
                        .path("rates")
                        .path("50")
                        .path("latencyMs")
                        .path("p99")
                        .asLong())
                .isEqualTo(700);
        assertThat(json.path("latency")
                        .path("rates")
                        .path("10")
                        .path("cpuPercentOfOneCore")
                        .asDouble())
                .isEqualTo(50.0 * cores);
        assertThat(json.path("idle").path("cpuPercentOfOneCore").asDouble()).isEqualTo(2.5 * cores);
        assertThat(json.path("idle").path("recordsWritten").asLong()).isEqualTo(40);
        assertThat(json.path("idle").has("recordsWrittenPerMail")).isFalse();
        assertThat(json.path("settings").path("rates").toString()).isEqualTo("[10,50]");
        final JsonNode targets = json.path("targets");
        assertThat(targets.path("latencyP99MsAt10").path("figure").asDouble()).isEqualTo(450);
        assertThat(targets.path("latencyP99MsAt10").path("met").asBoolean()).isTrue();
        assertThat(targets.path("latencyP99MsAt50").path("met").asBoolean()).isFalse();
        assertThat(targets.path("idleCpuPercentOfOneCore").path("met").asBoolean())
                .isEqualTo(2.5 * cores < 10);
        assertThat(targets.path("connectorDrainOverS3Only").path("atLeast").asDouble())
                .isEqualTo(0.7);
        assertThat(targets.path("connectorDrainOverS3Only").path("met").asBoolean())
                .isTrue();
        assertThat(targets.path("topologyOverPassthrough").path("figure").asDouble())
                .isEqualTo(0.2);
        assertThat(targets.path("topologyOverPassthrough").path("met").asBoolean())
                .isFalse();
        assertThat(targets.path("topologyOverPassthrough").path("mails").asInt())
                .isEqualTo(1_000);
    }

    @Test
    void shouldLeaveTheOfferedLoadPhasesOutOfTheChart() {
        // given
        final Map<BenchSettings.Phase, PhaseResult> results = new EnumMap<>(BenchSettings.Phase.class);
        results.put(BenchSettings.Phase.S3_ONLY, result(0.1, null));
        results.put(BenchSettings.Phase.LATENCY, result(20, null));
        results.put(BenchSettings.Phase.IDLE, result(10, null));

        // when
        final String svg = BenchChart.svg(results);

        // then
        assertThat(svg).contains("s3Only").doesNotContain("latency", "idle");
        assertThat(svg.split("<rect", -1)).hasSize(2);
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

    @Test
    void shouldReportEachInstanceOfTheInstancesPhase() throws Exception {
        // given: 200 mails in 4 s, 130 and 70 of them on two instances, a third not answering
        final Map<BenchSettings.Phase, PhaseResult> results = new EnumMap<>(BenchSettings.Phase.class);
        results.put(
                BenchSettings.Phase.INSTANCES,
                new PhaseResult(200, 200, 0, 4, 1, Map.of(), 0, 10, 20, 1_024, null, 180, -1, Map.of(), List.of())
                        .withInstances(List.of(
                                new InstanceThroughput(11, "http://127.0.0.1:1/", 130, 32.5, 0.65, Optional.empty()),
                                new InstanceThroughput(12, "http://127.0.0.1:2/", 70, 17.5, 0.35, Optional.empty()),
                                new InstanceThroughput(
                                        13, "http://127.0.0.1:3/", 0, 0, 0, Optional.of("connection refused")))));

        // when
        final JsonNode phase = new ObjectMapper()
                .readTree(BenchReport.json(SETTINGS, "cluster 127.0.0.1:9092", results))
                .path("instances");

        // then
        assertThat(phase.path("mailsPerSec").asDouble()).isEqualTo(50);
        assertThat(phase.path("consumedByInstances").asLong()).isEqualTo(200);
        final JsonNode instances = phase.path("instances");
        assertThat(instances).hasSize(3);
        assertThat(instances.get(0).path("pid").asLong()).isEqualTo(11);
        assertThat(instances.get(0).path("statusUrl").asText()).isEqualTo("http://127.0.0.1:1/");
        assertThat(instances.get(0).path("mails").asLong()).isEqualTo(130);
        assertThat(instances.get(0).path("mailsPerSec").asDouble()).isEqualTo(32.5);
        assertThat(instances.get(0).path("sharePercent").asDouble()).isEqualTo(65);
        assertThat(instances.get(0).path("reachable").asBoolean()).isTrue();
        assertThat(instances.get(0).has("problem")).isFalse();
        assertThat(instances.get(2).path("reachable").asBoolean()).isFalse();
        assertThat(instances.get(2).path("problem").asText()).isEqualTo("connection refused");
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
                latency == null ? 0 : 990,
                -1,
                Map.of(),
                List.of());
    }
}
