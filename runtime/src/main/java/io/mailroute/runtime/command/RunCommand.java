package io.mailroute.runtime.command;

import io.mailroute.runtime.app.MailrouteApp;
import io.mailroute.runtime.client.ClientSettings;
import io.mailroute.schemas.topics.MailTopic;
import io.mailroute.schemas.topics.TopicNames;
import java.io.PrintWriter;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Arrays;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.Callable;
import java.util.concurrent.ExecutionException;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.streams.KafkaStreams;
import org.apache.kafka.streams.StreamsConfig;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

/**
 * {@code mailroute run}: the mail topology against a cluster (what the docker-compose app service
 * runs) until Ctrl-C or SIGTERM. Exit codes: 4 when the cluster cannot be reached, 1 when the
 * topics are missing or the streams fail.
 */
@Command(
        name = "run",
        mixinStandardHelpOptions = true,
        description = {
            "Runs the mail topology as a Kafka Streams application against a cluster until Ctrl-C.",
            "Create the topics first (mailroute topics apply)."
        })
public final class RunCommand implements Callable<Integer> {
    @Mixin
    ClusterOptions cluster;

    @Mixin
    StatusOptions status;

    @Option(
            names = "--state-dir",
            paramLabel = "DIR",
            defaultValue = "${env:MAILROUTE_STATE_DIR:-.mailroute-state}",
            description = "Kafka Streams state directory (default: ${DEFAULT-VALUE}).")
    Path stateDir;

    @Option(
            names = "--application-id",
            defaultValue = "${env:MAILROUTE_APPLICATION_ID:-mailroute}",
            description =
                    "Kafka Streams application id: consumer group and internal topic prefix (default: ${DEFAULT-VALUE}).")
    String applicationId;

    @Option(
            names = "--application-server",
            paramLabel = "HOST:PORT",
            description = "Where this instance's status server answers for the other instances of the application"
                    + " (Streams' application.server); unset by default.")
    String applicationServer;

    @Option(
            names = "--standby-replicas",
            paramLabel = "N",
            description = "Warm copies of each task's state on other instances (Streams' num.standby.replicas):"
                    + " a fail-over resumes without restoring from the changelog (default: the Streams default, 0).")
    Integer standbyReplicas;

    @Option(
            names = "--session-timeout",
            paramLabel = "SECONDS",
            description = "How long the group waits for a silent instance (killed, hung, cut off) before its tasks"
                    + " move to the others (the main consumer's session.timeout.ms; default: Kafka's, 45). Lower"
                    + " fails over sooner; a pause longer than it (GC, a slow host) costs a needless rebalance.")
    Integer sessionTimeoutSeconds;

    @Option(
            names = "--commit-interval",
            paramLabel = "MILLIS",
            description = "How often each stream thread commits its transaction (Streams' commit.interval.ms;"
                    + " default: Streams' 100 under exactly-once). Routed mail is visible to read_committed"
                    + " subscribers only after the commit: longer adds latency, but writes fewer transaction"
                    + " markers to every partition a transaction touched.")
    Integer commitIntervalMillis;

    @Spec
    CommandSpec spec;

    private static final Duration PROGRESS_EVERY = Duration.ofSeconds(30);

    /** The app's settings: the cluster's, the state directory, the application id and the scale-out options. */
    Map<String, Object> appSettings() {
        final Map<String, Object> overrides = new HashMap<>();
        overrides.put(StreamsConfig.APPLICATION_ID_CONFIG, applicationId);
        if (applicationServer != null) {
            overrides.put(StreamsConfig.APPLICATION_SERVER_CONFIG, applicationServer);
        }
        if (standbyReplicas != null) {
            overrides.put(StreamsConfig.NUM_STANDBY_REPLICAS_CONFIG, standbyReplicas);
        }
        if (commitIntervalMillis != null) {
            overrides.put(
                    StreamsConfig.COMMIT_INTERVAL_MS_CONFIG,
                    atLeastOne("--commit-interval", commitIntervalMillis, "ms"));
        }
        if (sessionTimeoutSeconds != null) {
            overrides.put(
                    StreamsConfig.mainConsumerPrefix(ConsumerConfig.SESSION_TIMEOUT_MS_CONFIG),
                    atLeastOne("--session-timeout", sessionTimeoutSeconds, "second") * 1000);
        }
        return MailrouteApp.settings(cluster.settings(), stateDir, overrides);
    }

    private static int atLeastOne(final String option, final int value, final String unit) {
        if (value < 1) {
            throw new CommandFailure(ExitCodes.USAGE, option + " must be at least 1 " + unit + ", not " + value);
        }
        return value;
    }

    @Override
    public Integer call() throws Exception {
        final ClientSettings settings = cluster.settings();
        checkTopics(settings);
        final PrintWriter out = spec.commandLine().getOut();
        final MailrouteApp app = new MailrouteApp(appSettings());
        Runtime.getRuntime().addShutdownHook(new Thread(app::close, "mailroute-run-shutdown"));
        status.attachTo(app, settings);
        app.launch();
        out.println("mailroute run started: application " + applicationId + " on " + settings.bootstrapServers()
                + ", state in " + stateDir.toAbsolutePath()
                + status.uri()
                        .map(uri -> ", status page " + uri + " (/livez, /readyz)")
                        .orElse("")
                + " (Ctrl-C stops)");
        out.flush();
        awaitReady(app, out);
        if (app.awaitStopped() == KafkaStreams.State.ERROR) {
            throw new CommandFailure(ExitCodes.FAILURE, "the mail topology stopped with an error; see the log");
        }
        return ExitCodes.OK;
    }

    /**
     * Waits, however long a restore takes, until the streams run (prints {@code ready}) or fail (exits 1);
     * says every {@link #PROGRESS_EVERY} what state they are in.
     */
    private void awaitReady(final MailrouteApp app, final PrintWriter out) throws InterruptedException {
        try {
            final long startedAt = System.nanoTime();
            while (!app.awaitRunning(PROGRESS_EVERY)) {
                out.println("mailroute run starting: streams "
                        + app.kafkaStreams().state() + " after "
                        + Duration.ofNanos(System.nanoTime() - startedAt).toSeconds() + " s");
                out.flush();
            }
        } catch (IllegalStateException e) {
            app.close();
            throw new CommandFailure(ExitCodes.FAILURE, e.getMessage(), e);
        }
        out.println("mailroute run ready: streams RUNNING");
        out.flush();
    }

    /** The topology's topics must exist (auto-creation would give them the wrong settings). */
    private static void checkTopics(final ClientSettings settings) throws InterruptedException {
        final TopicNames names = TopicNames.from(settings.application());
        try (Admin admin = Admin.create(settings.admin())) {
            final Set<String> existing = admin.listTopics().names().get();
            final List<String> missing = Arrays.stream(MailTopic.values())
                    .map(names::name)
                    .filter(n -> !existing.contains(n))
                    .toList();
            if (!missing.isEmpty()) {
                throw new CommandFailure(
                        ExitCodes.FAILURE,
                        "topics missing on " + settings.bootstrapServers() + ": " + String.join(", ", missing)
                                + " (run: mailroute topics apply)");
            }
        } catch (ExecutionException e) {
            throw KafkaErrors.toFailure(settings.bootstrapServers(), e);
        }
    }
}
