package io.mailroute.cli.bench;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.mailroute.cli.Mailroute;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import picocli.CommandLine;

/**
 * {@code mailroute bench} on the embedded stack (KRaft broker, S3Proxy, registry, Connect with the
 * S3 source connector, the topology) with a few mails: every phase sees every mail through and the
 * JSON has the promised shape. Speed is not asserted.
 */
@Tag("integration")
class BenchCommandIT {
    private static final int MAILS = 200;
    private static final ObjectMapper JSON = new ObjectMapper();

    @TempDir
    Path dir;

    @Test
    void shouldRunEveryPhaseOverEveryMailAndReportJson() throws Exception {
        // given
        final Path report = dir.resolve("bench.json");
        final Path chart = dir.resolve("bench.svg");
        final StringWriter out = new StringWriter();
        final CommandLine commandLine = Mailroute.commandLine();
        commandLine.setOut(new PrintWriter(out));

        // when
        final int exitCode = commandLine.execute(
                "bench",
                "--mails",
                Integer.toString(MAILS),
                "--rate",
                "400",
                "--partitions",
                "2",
                "--stream-threads",
                "1",
                "--connector-tasks",
                "1",
                "--rates",
                "20,40",
                "--seconds",
                "2",
                "--latency-warmup",
                "1",
                "--out",
                report.toString(),
                "--chart",
                chart.toString());

        // then
        assertThat(exitCode).isZero();
        final JsonNode json = JSON.readTree(out.toString());
        assertThat(JSON.readTree(Files.readString(report))).isEqualTo(json);
        for (final String phase : new String[] {
            "parseOnly", "s3Only", "connectorDrain", "brokerOnly", "passthrough", "topology", "pipeline"
        }) {
            assertThat(json.path(phase).path("mails").asLong()).as(phase).isEqualTo(MAILS);
            assertThat(json.path(phase).path("processed").asLong())
                    .as(phase + " processed")
                    .isEqualTo(MAILS);
            assertThat(json.path(phase).path("mailsPerSec").asDouble())
                    .as(phase)
                    .isPositive();
            assertThat(json.path(phase).path("mbPerSec").asDouble()).as(phase).isPositive();
            assertThat(json.path(phase).has("cpuPercent")).as(phase).isTrue();
            assertThat(json.path(phase).path("jitSeconds").asDouble()).as(phase).isNotNegative();
            assertThat(json.path(phase).path("heapMb").path("max").asDouble())
                    .as(phase)
                    .isPositive();
            final JsonNode share = json.path(phase).path("cpuShare");
            double sum = 0;
            for (final CpuComponent component : CpuComponent.values()) {
                assertThat(share.path(component.jsonName()).asDouble())
                        .as(phase + " " + component)
                        .isNotNegative();
                sum += share.path(component.jsonName()).asDouble();
            }
            assertThat(sum).as(phase + " shares of the CPU").isCloseTo(100, within(0.1));
        }
        assertThat(json.path("parseOnly").path("cpuShare").path("bench").asDouble())
                .as("parse-only runs on the bench's threads")
                .isPositive();
        assertThat(json.path("passthrough").path("cpuShare").path("streams").asDouble())
                .isPositive();
        assertThat(json.path("passthrough").path("cpuShare").path("broker").asDouble())
                .isPositive();
        assertThat(json.path("topology").path("cpuShare").path("s3").asDouble())
                .as("nothing reads S3 in the topology phase")
                .isLessThan(1);
        assertThat(json.path("pipeline").path("cpuShare").path("s3").asDouble()).isPositive();
        assertThat(json.path("pipeline").path("cpuShare").path("connect").asDouble())
                .isPositive();
        final double s3OnlyConnect =
                json.path("s3Only").path("cpuShare").path("connect").asDouble();
        assertThat(json.path("s3Only").path("cpuShare").path("s3").asDouble())
                .as("S3 read alone: S3Proxy works, the Connect worker only ticks over")
                .isGreaterThan(s3OnlyConnect);
        assertThat(json.path("connectorDrain").path("cpuShare").path("connect").asDouble())
                .as("the connector drains")
                .isGreaterThan(s3OnlyConnect);
        assertThat(json.path("s3Only").has("recordsWrittenPerMail")).isFalse();
        for (final String phase : new String[] {"connectorDrain", "brokerOnly", "passthrough", "pipeline"}) {
            assertThat(json.path(phase).path("recordsWrittenPerMail").asDouble())
                    .as(phase + ": at least its mail.raw or output record per mail")
                    .isGreaterThanOrEqualTo(1);
        }
        assertThat(json.path("topology").path("recordsWrittenPerMail").asDouble())
                .as("status, lanes, changelogs and repartitions: more than the passthrough's copy")
                .isGreaterThan(
                        json.path("passthrough").path("recordsWrittenPerMail").asDouble());
        for (final int rate : new int[] {20, 40}) {
            final JsonNode atRate = json.path("latency").path("rates").path(Integer.toString(rate));
            assertThat(atRate.path("mails").asLong()).as("rate " + rate).isEqualTo(rate * 2L);
            assertThat(atRate.path("processed").asLong()).as("rate " + rate).isEqualTo(rate * 2L);
            assertThat(atRate.path("latencyMs").path("samples").asLong())
                    .as("rate " + rate)
                    .isEqualTo(rate * 2L);
            assertThat(atRate.path("latencyMs").path("p99").asLong())
                    .as("rate " + rate)
                    .isGreaterThanOrEqualTo(atRate.path("latencyMs").path("p50").asLong())
                    .isPositive();
            assertThat(atRate.path("cpuShare").path("connect").asDouble())
                    .as("rate " + rate)
                    .isPositive();
            assertThat(atRate.path("recordsWrittenPerMail").asDouble())
                    .as("rate " + rate)
                    .isGreaterThan(1);
            assertThat(json.path("targets")
                            .path("latencyP99MsAt" + rate)
                            .path("figure")
                            .asLong())
                    .isEqualTo(atRate.path("latencyMs").path("p99").asLong());
        }
        // the warm-up's 40 mails (1 s at the highest rate) are not measured
        assertThat(json.path("settings").path("latencyWarmup").asInt()).isEqualTo(1);
        assertThat(json.path("latency").path("processed").asLong()).isEqualTo(120);
        assertThat(json.path("idle").path("seconds").asDouble()).isGreaterThanOrEqualTo(2);
        assertThat(json.path("idle").path("cpuPercentOfOneCore").asDouble()).isPositive();
        assertThat(json.path("idle").path("recordsWritten").asLong()).isNotNegative();
        assertThat(json.path("targets").fieldNames())
                .toIterable()
                .containsExactlyInAnyOrder(
                        "latencyP99MsAt20",
                        "latencyP99MsAt40",
                        "idleCpuPercentOfOneCore",
                        "connectorDrainOverS3Only",
                        "topologyOverPassthrough");
        final JsonNode latency = json.path("pipeline").path("latencyMs");
        assertThat(latency.path("samples").asLong()).isEqualTo(MAILS);
        assertThat(json.path("pipeline").path("putRate").asLong()).isPositive();
        assertThat(latency.path("p50").asLong())
                .isLessThanOrEqualTo(latency.path("p95").asLong());
        assertThat(latency.path("p95").asLong())
                .isLessThanOrEqualTo(latency.path("p99").asLong());
        assertThat(json.path("ratios").fieldNames())
                .toIterable()
                .containsExactlyInAnyOrder(
                        "topologyOverPassthrough",
                        "pipelineOverPassthrough",
                        "pipelineOverMinParseBroker",
                        "connectorDrainOverS3Only",
                        "perCpuSecond");
        assertThat(json.path("ratios").path("perCpuSecond").fieldNames())
                .toIterable()
                .containsExactlyInAnyOrder("topologyOverPassthrough", "connectorDrainOverS3Only");
        assertThat(json.path("settings").path("eos").asBoolean()).isTrue();
        assertThat(json.path("settings").path("pipelineWarmup").asInt())
                .as("a quarter of the pipeline mails warm it up")
                .isEqualTo(MAILS / 4);
        assertThat(Files.readString(chart)).startsWith("<svg").contains("pipeline");
    }
}
