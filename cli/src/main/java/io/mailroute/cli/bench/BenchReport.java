package io.mailroute.cli.bench;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.lang.management.ManagementFactory;
import java.time.Instant;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/**
 * The JSON of a benchmark run: the settings, the machine, one object per phase (mails/s, MB/s,
 * CPU, heap, records written per mail; latency for the pipeline and, per offered rate, the latency
 * phase), the ratios the targets are stated in and whether issue 20's targets were met.
 */
public final class BenchReport {
    private static final ObjectMapper JSON = new ObjectMapper().enable(SerializationFeature.INDENT_OUTPUT);

    private BenchReport() {}

    public static String json(
            final BenchSettings settings, final String target, final Map<BenchSettings.Phase, PhaseResult> results) {
        final ObjectNode root = JSON.createObjectNode();
        root.put("startedAt", Instant.now().toString());
        final ObjectNode run = root.putObject("settings");
        run.put("target", target);
        run.put("mails", settings.mails());
        run.put("pipelineMails", settings.pipelineMails());
        run.put("pipelineWarmup", settings.pipelineWarmup());
        run.put("sizeMix", settings.sizes().name().toLowerCase(Locale.ROOT));
        run.put("seed", settings.seed());
        run.put("partitions", settings.partitions());
        run.put("streamThreads", settings.streamThreads());
        run.put("connectorTasks", settings.connectorTasks());
        run.put("eos", settings.eos());
        run.put("rate", settings.rate());
        settings.latencyRates().forEach(run.putArray("rates")::add);
        run.put("seconds", settings.seconds());
        run.put("latencyWarmup", settings.latencyWarmup());
        final ObjectNode machine = root.putObject("machine");
        machine.put("cores", Runtime.getRuntime().availableProcessors());
        machine.put(
                "systemLoadAverage",
                ManagementFactory.getOperatingSystemMXBean().getSystemLoadAverage());
        machine.put("java", System.getProperty("java.version"));
        for (final Map.Entry<BenchSettings.Phase, PhaseResult> entry : results.entrySet()) {
            final ObjectNode phase = root.putObject(entry.getKey().jsonName());
            phase(phase, entry.getValue());
            if (!entry.getValue().instances().isEmpty()) {
                instances(phase, entry.getValue().instances());
            }
            if (!entry.getValue().byRate().isEmpty()) {
                final ObjectNode rates = phase.putObject("rates");
                entry.getValue().byRate().forEach((rate, result) -> phase(rates.putObject(rate.toString()), result));
            }
        }
        final ObjectNode ratios = root.putObject("ratios");
        ratio(
                ratios,
                "topologyOverPassthrough",
                results.get(BenchSettings.Phase.TOPOLOGY),
                results.get(BenchSettings.Phase.PASSTHROUGH));
        ratio(
                ratios,
                "pipelineOverPassthrough",
                results.get(BenchSettings.Phase.PIPELINE),
                results.get(BenchSettings.Phase.PASSTHROUGH));
        final PhaseResult parse = results.get(BenchSettings.Phase.PARSE_ONLY);
        final PhaseResult broker = results.get(BenchSettings.Phase.BROKER_ONLY);
        final PhaseResult floor =
                parse == null || broker == null ? null : parse.mailsPerSec() <= broker.mailsPerSec() ? parse : broker;
        ratio(ratios, "pipelineOverMinParseBroker", results.get(BenchSettings.Phase.PIPELINE), floor);
        ratio(
                ratios,
                "connectorDrainOverS3Only",
                results.get(BenchSettings.Phase.CONNECTOR_DRAIN),
                results.get(BenchSettings.Phase.S3_ONLY));
        final ObjectNode perCpu = ratios.putObject("perCpuSecond");
        perCpu(
                perCpu,
                "topologyOverPassthrough",
                results.get(BenchSettings.Phase.TOPOLOGY),
                results.get(BenchSettings.Phase.PASSTHROUGH));
        perCpu(
                perCpu,
                "connectorDrainOverS3Only",
                results.get(BenchSettings.Phase.CONNECTOR_DRAIN),
                results.get(BenchSettings.Phase.S3_ONLY));
        IssueTargets.write(root.putObject("targets"), settings, results);
        try {
            return JSON.writeValueAsString(root).concat("\n");
        } catch (JsonProcessingException e) {
            throw new IllegalStateException("cannot write the report: " + e.getMessage(), e);
        }
    }

    private static void phase(final ObjectNode phase, final PhaseResult r) {
        phase.put("mails", r.mails());
        phase.put("processed", r.processed());
        phase.put("bytes", r.bytes());
        phase.put("seconds", round(r.seconds()));
        phase.put("mailsPerSec", round(r.mailsPerSec()));
        phase.put("mbPerSec", round(r.mbPerSec()));
        phase.put("cpuPercent", round(r.cpuPercent()));
        phase.put("cpuPercentOfOneCore", round(r.cpuPercentOfOneCore()));
        phase.put("mailsPerCpuSecond", round(r.mailsPerCpuSecond()));
        if (!r.cpuShare().isEmpty()) {
            final ObjectNode share = phase.putObject("cpuShare");
            for (final CpuComponent component : CpuComponent.values()) {
                share.put(component.jsonName(), round(r.cpuShare().getOrDefault(component, 0.0)));
            }
        }
        phase.put("jitSeconds", round(r.jitSeconds()));
        final ObjectNode heap = phase.putObject("heapMb");
        heap.put("usedBefore", round(r.heapUsedBeforeMb()));
        heap.put("usedAfter", round(r.heapUsedAfterMb()));
        heap.put("max", round(r.heapMaxMb()));
        if (r.putRate() > 0) {
            phase.put("putRate", r.putRate());
        }
        if (r.recordsWritten() >= 0) {
            phase.put("recordsWritten", r.recordsWritten());
        }
        if (r.recordsWrittenPerMail() >= 0) {
            phase.put("recordsWrittenPerMail", round(r.recordsWrittenPerMail()));
        }
        if (r.latency() != null) {
            final ObjectNode latency = phase.putObject("latencyMs");
            latency.put("samples", r.latency().samples());
            latency.put("p50", r.latency().p50());
            latency.put("p95", r.latency().p95());
            latency.put("p99", r.latency().p99());
            latency.put("max", r.latency().max());
        }
    }

    /**
     * Each topology instance's mails consumed from mail.raw, its mails/s over the phase and its share;
     * their sum, which exceeds the phase's mails where an instance re-read records (an aborted
     * transaction's after a rebalance) or other mail arrived meanwhile.
     */
    private static void instances(final ObjectNode phase, final List<InstanceThroughput> instances) {
        long consumed = 0;
        final ArrayNode list = phase.putArray("instances");
        for (final InstanceThroughput instance : instances) {
            final ObjectNode node = list.addObject();
            node.put("pid", instance.pid());
            node.put("statusUrl", instance.statusUrl());
            node.put("reachable", instance.reachable());
            instance.problem().ifPresent(problem -> node.put("problem", problem));
            node.put("mails", instance.mails());
            node.put("mailsPerSec", round(instance.mailsPerSec()));
            node.put("sharePercent", round(instance.share() * 100));
            consumed += instance.mails();
        }
        phase.put("consumedByInstances", consumed);
    }

    /** The ratio of mails per CPU second: what the ratio would be if each phase had had the cores to itself. */
    private static void perCpu(
            final ObjectNode ratios, final String name, final PhaseResult over, final PhaseResult under) {
        if (over != null && under != null && under.mailsPerCpuSecond() > 0) {
            ratios.put(name, Math.round(over.mailsPerCpuSecond() / under.mailsPerCpuSecond() * 1000) / 1000.0);
        }
    }

    private static void ratio(
            final ObjectNode ratios, final String name, final PhaseResult over, final PhaseResult under) {
        if (over != null && under != null && under.mailsPerSec() > 0) {
            ratios.put(name, Math.round(over.mailsPerSec() / under.mailsPerSec() * 1000) / 1000.0);
        }
    }

    static double round(final double value) {
        return Math.round(value * 100) / 100.0;
    }
}
