package io.mailroute.cli;

import io.mailroute.cli.bench.BenchChart;
import io.mailroute.cli.bench.BenchReport;
import io.mailroute.cli.bench.BenchSettings;
import io.mailroute.cli.bench.BenchTarget;
import io.mailroute.cli.bench.Benchmark;
import io.mailroute.cli.bench.ClusterInstances;
import io.mailroute.cli.bench.PhaseResult;
import io.mailroute.cli.bench.SizeMix;
import io.mailroute.runtime.client.ClientSettings;
import io.mailroute.runtime.client.LocalDefaults;
import io.mailroute.runtime.command.ClusterOptions;
import io.mailroute.runtime.command.CommandFailure;
import io.mailroute.runtime.command.ExitCodes;
import io.mailroute.stack.ClusterFile;
import io.mailroute.topology.MailStreamsConfig;
import java.io.IOException;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.EnumSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

/**
 * {@code mailroute bench}: one run of parse-only, S3 alone, the connector alone, broker-only, Streams
 * passthrough, topology alone, the full pipeline, and the stack as {@code mailroute local} runs it
 * (latency at low rates, idle) over the same generated mails, as JSON on stdout (and {@code --out}).
 */
@Command(
        name = "bench",
        mixinStandardHelpOptions = true,
        description = {
            "Measure parse-only, S3 alone, the S3 connector alone, broker-only, a Streams passthrough, the topology "
                    + "alone, the full pipeline (S3 put -> lanes, with latency), and the stack as local runs it "
                    + "(latency at --rates, idle CPU) over the same generated mails; prints JSON.",
            "Runs on an embedded stack (broker, S3, registry, Connect, in fresh temp dirs) unless --cluster is given.",
            "The instances phase (--cluster with --cluster-file only) measures the cluster's own topology instances "
                    + "instead: it puts --mails mails at --rate under the prefix the cluster's S3 connector reads ("
                    + LocalDefaults.PREFIX + "), waits until the application's consumer group has committed them "
                    + "on mail.raw, and reports the mails each instance consumed (from its /metrics), its mails/s "
                    + "and its share, and the total mails/s."
        })
public final class BenchCommand implements Callable<Integer> {

    /** On or off. */
    public enum Toggle {
        ON,
        OFF
    }

    @Mixin
    ClusterOptions cluster;

    @Option(
            names = "--cluster",
            description = "Run against the cluster of --bootstrap-server, --schema-registry, --s3-endpoint "
                    + "and --connect-url instead of an embedded stack; topics and keys are prefixed bench-<run>.")
    boolean useCluster;

    @Option(
            names = "--connect-url",
            paramLabel = "URL",
            defaultValue = "${env:MAILROUTE_CONNECT_URL:-http://localhost:8083}",
            description = "Connect REST URL with the S3 source plugin, for --cluster (default: ${DEFAULT-VALUE}).")
    URI connectUrl;

    @Option(
            names = "--cluster-file",
            paramLabel = "FILE",
            description = "The cluster.json of 'mailroute local --instances N' (in its data directory): the "
                    + "instances the instances phase scrapes.")
    Path clusterFile;

    @Option(
            names = "--application-id",
            paramLabel = "ID",
            defaultValue = "${env:MAILROUTE_APPLICATION_ID:-" + MailStreamsConfig.DEFAULT_APPLICATION_ID + "}",
            description = "The instances' application.id, whose consumer group the instances phase waits for "
                    + "(default: ${DEFAULT-VALUE}).")
    String applicationId;

    @Option(names = "--mails", defaultValue = "20000", description = "Mails per phase (default: ${DEFAULT-VALUE}).")
    int mails;

    @Option(
            names = "--pipeline-mails",
            paramLabel = "N",
            description = "Mails of the pipeline phase, when it should see fewer than the others (default: --mails).")
    Integer pipelineMails;

    @Option(
            names = "--pipeline-warmup",
            paramLabel = "N",
            description =
                    "Mails sent through the pipeline at --rate before its measured mails, not measured (default: a quarter of the pipeline mails).")
    Integer pipelineWarmup;

    @Option(
            names = "--size-mix",
            defaultValue = "small",
            description =
                    "small (1-8 KB), realistic (mostly small, up to 20 MB) or large (1-20 MB) (default: ${DEFAULT-VALUE}).")
    SizeMix sizeMix;

    @Option(names = "--seed", defaultValue = "42", description = "Generator seed (default: ${DEFAULT-VALUE}).")
    long seed;

    @Option(
            names = "--partitions",
            defaultValue = "4",
            description = "Partitions of the bench topics (default: ${DEFAULT-VALUE}).")
    int partitions;

    @Option(
            names = "--stream-threads",
            defaultValue = "2",
            description = "Kafka Streams threads (default: ${DEFAULT-VALUE}).")
    int streamThreads;

    @Option(
            names = "--connector-tasks",
            defaultValue = "2",
            description = "S3 source connector tasks (default: ${DEFAULT-VALUE}).")
    int connectorTasks;

    @Option(
            names = "--eos",
            defaultValue = "on",
            paramLabel = "on|off",
            description = "Exactly-once v2 for the Streams phases (default: ${DEFAULT-VALUE}).")
    Toggle eos;

    @Option(
            names = "--rate",
            defaultValue = "1000",
            description =
                    "Mails per second put into S3 in the pipeline and instances phases (default: ${DEFAULT-VALUE}).")
    int rate;

    @Option(
            names = "--rates",
            split = ",",
            paramLabel = "N",
            defaultValue = "10,50",
            description = "Mails per second put into S3 in turn by the latency phase (default: ${DEFAULT-VALUE}).")
    List<Integer> rates;

    @Option(
            names = "--seconds",
            defaultValue = "10",
            description =
                    "Seconds the latency phase offers each rate, and the idle phase lasts (default: ${DEFAULT-VALUE}).")
    int seconds;

    @Option(
            names = "--latency-warmup",
            paramLabel = "SECONDS",
            defaultValue = "0",
            description =
                    "Seconds the latency phase offers its highest rate before the measured rates, not measured, "
                            + "so that they meet compiled code as a stack that has been running does (default: ${DEFAULT-VALUE}).")
    int latencyWarmup;

    @Option(
            names = "--phases",
            split = ",",
            paramLabel = "PHASE",
            defaultValue = "parseOnly,s3Only,connectorDrain,brokerOnly,passthrough,topology,pipeline,latency,idle",
            description = "Phases to run, comma-separated (default: ${DEFAULT-VALUE}); instances needs --cluster "
                    + "and --cluster-file.")
    List<String> phases;

    @Option(names = "--out", paramLabel = "FILE", description = "Also write the JSON to FILE.")
    Path out;

    @Option(
            names = "--chart",
            paramLabel = "FILE.svg",
            description = "Also draw mails/s per phase and the latency as an SVG chart.")
    Path chart;

    @Spec
    CommandSpec spec;

    @Override
    public Integer call() {
        final BenchSettings settings = settings();
        final Map<BenchSettings.Phase, PhaseResult> results;
        try (BenchTarget target = target()) {
            results = new Benchmark(target, settings).run();
        }
        final String json =
                BenchReport.json(settings, useCluster ? "cluster " + cluster.bootstrapServers() : "embedded", results);
        spec.commandLine().getOut().print(json);
        spec.commandLine().getOut().flush();
        write(out, json);
        write(chart, chart == null ? null : BenchChart.svg(results));
        return ExitCodes.OK;
    }

    private static void write(final Path file, final String content) {
        if (file == null) {
            return;
        }
        try {
            Files.writeString(file, content, StandardCharsets.UTF_8);
        } catch (IOException e) {
            throw new CommandFailure(ExitCodes.FAILURE, "cannot write " + file + ": " + e.getMessage(), e);
        }
    }

    private BenchSettings settings() {
        final int pipeline = pipelineMails == null ? mails : pipelineMails;
        final int warmup = pipelineWarmup == null ? pipeline / 4 : pipelineWarmup;
        if (mails < 1
                || pipeline < 1
                || partitions < 1
                || streamThreads < 1
                || connectorTasks < 1
                || rate < 1
                || seconds < 1
                || rates.stream().anyMatch(r -> r < 1)) {
            throw new CommandFailure(
                    ExitCodes.USAGE,
                    "--mails, --pipeline-mails, --partitions, --stream-threads, --connector-tasks, --rate, --rates and --seconds must be at least 1");
        }
        if (warmup < 0 || latencyWarmup < 0) {
            throw new CommandFailure(ExitCodes.USAGE, "--pipeline-warmup and --latency-warmup must not be negative");
        }
        final Set<BenchSettings.Phase> selected = EnumSet.noneOf(BenchSettings.Phase.class);
        for (final String name : phases) {
            selected.add(phase(name.strip()));
        }
        if (selected.contains(BenchSettings.Phase.INSTANCES) && (!useCluster || clusterFile == null)) {
            throw new CommandFailure(
                    ExitCodes.USAGE,
                    "the instances phase measures a running cluster's own instances: give --cluster and "
                            + "--cluster-file (the cluster.json of 'mailroute local --instances N')");
        }
        return new BenchSettings(
                mails,
                pipeline,
                warmup,
                sizeMix,
                seed,
                partitions,
                streamThreads,
                connectorTasks,
                eos == Toggle.ON,
                rate,
                rates,
                seconds,
                latencyWarmup,
                selected);
    }

    private static BenchSettings.Phase phase(final String name) {
        for (final BenchSettings.Phase phase : BenchSettings.Phase.values()) {
            if (phase.jsonName().equalsIgnoreCase(name)) {
                return phase;
            }
        }
        throw new CommandFailure(
                ExitCodes.USAGE, "unknown phase '" + name + "'; phases: " + String.join(", ", phaseNames()));
    }

    private static List<String> phaseNames() {
        return Arrays.stream(BenchSettings.Phase.values())
                .map(BenchSettings.Phase::jsonName)
                .toList();
    }

    private BenchTarget target() {
        if (!useCluster) {
            return BenchTarget.embedded();
        }
        final ClientSettings client = cluster.settings();
        return BenchTarget.cluster(
                client.kafka(),
                cluster.schemaRegistry(),
                client.s3Settings(),
                cluster.s3Bucket(),
                connectUrl,
                Optional.ofNullable(clusterFile).map(this::instances));
    }

    private ClusterInstances instances(final Path file) {
        if (!Files.isRegularFile(file)) {
            throw new CommandFailure(ExitCodes.USAGE, "--cluster-file " + file + " does not exist");
        }
        final ClusterFile processes;
        try {
            processes = ClusterFile.readFile(file);
        } catch (IOException e) {
            throw new CommandFailure(
                    ExitCodes.USAGE, "--cluster-file " + file + " is not a cluster file: " + e.getMessage(), e);
        }
        if (processes.instances().isEmpty()) {
            throw new CommandFailure(ExitCodes.USAGE, "--cluster-file " + file + " lists no instances");
        }
        return new ClusterInstances(processes.instances(), applicationId);
    }
}
