package io.mailroute.cli;

import io.mailroute.avro.MailStatus;
import io.mailroute.cli.local.DemoLoader;
import io.mailroute.cli.local.DemoNotices;
import io.mailroute.cli.local.LaneContents;
import io.mailroute.runtime.command.CommandFailure;
import io.mailroute.runtime.command.ExitCodes;
import io.mailroute.runtime.command.StatusOptions;
import io.mailroute.runtime.status.StatusServer;
import io.mailroute.stack.ClusterFile;
import io.mailroute.stack.ClusterSize;
import io.mailroute.stack.LocalCluster;
import io.mailroute.stack.MailrouteStack;
import io.mailroute.stack.SinkConnectors;
import io.mailroute.stack.StackPorts;
import java.io.IOException;
import java.io.PrintWriter;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.Callable;
import java.util.concurrent.CountDownLatch;
import java.util.function.Consumer;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

/**
 * {@code mailroute local}: the whole pipeline in this JVM (broker, registry, S3, Connect, topology)
 * until Ctrl-C; state is kept in the data directory across restarts.
 */
@Command(
        name = "local",
        mixinStandardHelpOptions = true,
        description = {
            "Runs everything in this JVM, no Docker: KRaft broker, schema registry, S3 endpoint, Connect worker with "
                    + "the S3 mail connector and the SMTP sink, an SMTP server capturing the notices, the mail topology. "
                    + "Ctrl-C stops it; state is kept in the data directory across restarts."
        })
public final class LocalCommand implements Callable<Integer> {
    private static final Duration DEMO_TIMEOUT = Duration.ofSeconds(180);

    @Option(
            names = "--data-dir",
            paramLabel = "DIR",
            defaultValue = "${env:MAILROUTE_DATA_DIR:-.mailroute-data}",
            description =
                    "Where broker, registry, S3 objects, connector offsets and streams state live (default: ${DEFAULT-VALUE}).")
    Path dataDir;

    @Option(
            names = "--demo",
            description = "Load sample owners and mail, wait until they have flowed and print the lane counts.")
    boolean demo;

    @Option(
            names = "--organizations-config",
            paramLabel = "FILE",
            description =
                    "Run the OrganizationsSourceConnector with this connector file ({\"name\",\"config\"} JSON); off without it.")
    Path organizationsConfig;

    @Option(
            names = "--host",
            defaultValue = "127.0.0.1",
            description = "Address to bind and advertise (default: ${DEFAULT-VALUE}).")
    String host;

    @Option(
            names = "--kafka-port",
            defaultValue = "9092",
            description = "Kafka port, 0 for a free one (default: ${DEFAULT-VALUE}).")
    int kafkaPort;

    @Option(
            names = "--controller-port",
            defaultValue = "9093",
            description = "KRaft controller port (default: ${DEFAULT-VALUE}).")
    int controllerPort;

    @Option(
            names = "--schema-registry-port",
            defaultValue = "8081",
            description = "Schema registry port (default: ${DEFAULT-VALUE}).")
    int registryPort;

    @Option(names = "--s3-port", defaultValue = "9000", description = "S3 endpoint port (default: ${DEFAULT-VALUE}).")
    int s3Port;

    @Option(
            names = "--sqs-port",
            defaultValue = "9324",
            description = "Port of the SQS endpoint holding the bucket's notifications (default: ${DEFAULT-VALUE}).")
    int sqsPort;

    @Option(
            names = "--listing",
            description = "Find new mail by listing the bucket every 2 s instead of reading its S3 event "
                    + "notifications from SQS (listed every 5 min as a safety net); no SQS endpoint is started.")
    boolean listing;

    @Option(
            names = "--connect-port",
            defaultValue = "8083",
            description = "Connect REST port (default: ${DEFAULT-VALUE}).")
    int connectPort;

    @Option(
            names = "--smtp-port",
            defaultValue = "2525",
            description =
                    "Port of the SMTP server capturing the notices, 0 for a free one (default: ${DEFAULT-VALUE}).")
    int smtpPort;

    @Option(
            names = "--smtp-relay",
            paramLabel = "HOST:PORT",
            description = "Send the notices to this SMTP server (plain SMTP, no login) instead of capturing them.")
    String smtpRelay;

    @Option(
            names = "--helpdesk",
            paramLabel = "KIND",
            description = "Run the helpdesk sink for mail.ticket: zendesk or backlog; needs --helpdesk-url and "
                    + "--helpdesk-token, and --helpdesk-email (zendesk) or --backlog-project-id and --backlog-issue-type-id "
                    + "(backlog).")
    String helpdesk;

    @Option(names = "--helpdesk-url", paramLabel = "URL", description = "Base URL of the helpdesk's API.")
    String helpdeskUrl;

    @Option(names = "--helpdesk-token", paramLabel = "TOKEN", description = "Zendesk API token or Backlog API key.")
    String helpdeskToken;

    @Option(
            names = "--helpdesk-email",
            paramLabel = "EMAIL",
            description = "Zendesk: the agent's email address the token belongs to.")
    String helpdeskEmail;

    @Option(
            names = "--backlog-project-id",
            paramLabel = "ID",
            description = "Backlog: the project issues are created in.")
    String backlogProjectId;

    @Option(
            names = "--backlog-issue-type-id",
            paramLabel = "ID",
            description = "Backlog: the issue type of created issues.")
    String backlogIssueTypeId;

    @Option(
            names = "--chat-webhook",
            paramLabel = "URL",
            description = "Run the webhook sink posting mail.alerts to this Slack-compatible incoming webhook.")
    String chatWebhook;

    @Option(
            names = "--order-webhook",
            paramLabel = "URL",
            description = "Run the webhook sink posting mail.order-import orders to this URL.")
    String orderWebhook;

    @Option(
            names = "--order-webhook-token",
            paramLabel = "TOKEN",
            defaultValue = "",
            description = "Bearer token sent with each order (default: none).")
    String orderWebhookToken;

    @Option(
            names = "--partitions",
            defaultValue = "3",
            description = "Partitions of the topics created on the first start " + "(default: ${DEFAULT-VALUE}).")
    int partitions;

    @Option(
            names = "--brokers",
            paramLabel = "N",
            defaultValue = "1",
            description = "KRaft brokers, each in a JVM of its own when more than one process of any kind runs;"
                    + " from 3 on the topics get replication factor 3 and min.insync.replicas 2"
                    + " (default: ${DEFAULT-VALUE}).")
    int brokers;

    @Option(
            names = "--workers",
            paramLabel = "K",
            defaultValue = "1",
            description = "Connect workers of one distributed group (default: ${DEFAULT-VALUE}).")
    int workers;

    @Option(
            names = "--instances",
            paramLabel = "M",
            defaultValue = "1",
            description = "Topology instances, each with one standby replica; the first one's status server takes"
                    + " --status-port (default: ${DEFAULT-VALUE}).")
    int instances;

    @Mixin
    StatusOptions status;

    @Spec
    CommandSpec spec;

    /** The ports of the options; two services on one port is a usage error. */
    StackPorts ports() {
        try {
            return new StackPorts(
                    kafkaPort,
                    controllerPort,
                    registryPort,
                    s3Port,
                    connectPort,
                    smtpRelay == null ? smtpPort : 0,
                    listing ? 0 : sqsPort);
        } catch (IllegalArgumentException e) {
            throw new CommandFailure(ExitCodes.USAGE, e.getMessage(), e);
        }
    }

    /** How many processes of each kind; a count below 1 is a usage error. */
    ClusterSize size() {
        try {
            return new ClusterSize(brokers, workers, instances);
        } catch (IllegalArgumentException e) {
            throw new CommandFailure(ExitCodes.USAGE, e.getMessage(), e);
        }
    }

    /** The whole pipeline in this JVM as the options describe it; a bad combination is a usage error. */
    MailrouteStack.Builder stack() {
        final MailrouteStack.Builder stack = configure(MailrouteStack.builder().pipeline());
        try {
            status.settings().ifPresent(stack::statusServer);
        } catch (IllegalArgumentException e) {
            throw new CommandFailure(ExitCodes.USAGE, e.getMessage(), e);
        }
        return stack;
    }

    /**
     * The options over the parts {@code stack} runs: where they live and listen, how mail is found,
     * the sinks; a bad combination is a usage error.
     */
    MailrouteStack.Builder configure(final MailrouteStack.Builder stack) {
        if (organizationsConfig != null && !organizationsConfig.toFile().isFile()) {
            throw new CommandFailure(ExitCodes.USAGE, "no such connector file: " + organizationsConfig);
        }
        final StackPorts ports = ports();
        try {
            final MailrouteStack.Builder configured = stack.dataDir(dataDir)
                    .host(host)
                    .ports(ports)
                    .partitions(partitions)
                    .notifications(!listing)
                    .sinks(sinks());
            return organizationsConfig == null ? configured : configured.organizationsConnector(organizationsConfig);
        } catch (IllegalArgumentException e) {
            throw new CommandFailure(ExitCodes.USAGE, e.getMessage(), e);
        }
    }

    /** The sink connectors of the options; a helpdesk without its settings is a usage error. */
    SinkConnectors sinks() {
        final SinkConnectors sinks = SinkConnectors.none();
        if (smtpRelay == null) {
            sinks.smtpCapture();
        } else {
            final int colon = smtpRelay.lastIndexOf(':');
            if (colon < 1 || colon == smtpRelay.length() - 1) {
                throw usage("--smtp-relay takes HOST:PORT, not " + smtpRelay);
            }
            sinks.smtpRelay(smtpRelay.substring(0, colon), port("--smtp-relay", smtpRelay.substring(colon + 1)));
        }
        if (helpdesk == null) {
            if (helpdeskUrl != null
                    || helpdeskToken != null
                    || helpdeskEmail != null
                    || backlogProjectId != null
                    || backlogIssueTypeId != null) {
                throw usage("the --helpdesk-* and --backlog-* options need --helpdesk zendesk|backlog");
            }
        } else if (helpdesk.equals("zendesk")) {
            sinks.zendesk(
                    required(helpdeskUrl, "--helpdesk-url"),
                    required(helpdeskEmail, "--helpdesk-email"),
                    required(helpdeskToken, "--helpdesk-token"));
        } else if (helpdesk.equals("backlog")) {
            sinks.backlog(
                    required(helpdeskUrl, "--helpdesk-url"),
                    required(helpdeskToken, "--helpdesk-token"),
                    required(backlogProjectId, "--backlog-project-id"),
                    required(backlogIssueTypeId, "--backlog-issue-type-id"));
        } else {
            throw usage("--helpdesk takes zendesk or backlog, not " + helpdesk);
        }
        if (chatWebhook != null) {
            sinks.chatWebhook(chatWebhook);
        }
        if (orderWebhook != null) {
            sinks.orderWebhook(orderWebhook, orderWebhookToken);
        }
        return sinks;
    }

    private String required(final String value, final String option) {
        if (value == null || value.isBlank()) {
            throw usage("--helpdesk " + helpdesk + " needs " + option);
        }
        return value;
    }

    private static int port(final String option, final String value) {
        final int port;
        try {
            port = Integer.parseInt(value);
        } catch (NumberFormatException e) {
            throw usage(option + " port must be a number, not " + value);
        }
        if (port < 1 || port > 65_535) {
            throw usage(option + " port must be in 1..65535, not " + value);
        }
        return port;
    }

    private static CommandFailure usage(final String message) {
        return new CommandFailure(ExitCodes.USAGE, message);
    }

    @Override
    public Integer call() throws Exception {
        final ClusterSize size = size();
        if (size.separateJvms()) {
            return runCluster(size);
        }
        final MailrouteStack.Builder builder = stack();
        final PrintWriter out = spec.commandLine().getOut();
        final CountDownLatch stopped = new CountDownLatch(1);
        final MailrouteStack stack;
        try {
            stack = builder.progress(printing(out)).start();
        } catch (RuntimeException | IOException e) {
            throw new CommandFailure(ExitCodes.FAILURE, "mailroute local did not start: " + e.getMessage(), e);
        }
        closeOnShutdown(out, stack::close, stopped);
        final Optional<StatusServer> server = stack.statusServer();
        stack.urls().forEach((name, url) -> out.printf("  %-16s %s%n", name, url));
        server.ifPresent(started -> out.printf("  %-16s %s%n", "status page", started.uri()));
        out.println("mailroute local ready: kafka " + stack.client().bootstrapServers() + ", schema registry "
                + stack.client().schemaRegistry() + ", data in "
                + stack.dataDir().toAbsolutePath()
                + " (Ctrl-C stops)");
        out.flush();
        if (demo) {
            final DemoLoader loader = new DemoLoader(stack.client(), stack.app().kafkaStreams(), stack.dataDir());
            final DemoLoader.Demo loaded = loader.load(step -> {
                out.println("  " + step);
                out.flush();
            });
            final Map<String, MailStatus> statuses = loader.awaitTerminal(loaded.mailIds(), DEMO_TIMEOUT);
            out.println("demo: " + loaded.mailIds().size() + " mails have flowed; lanes:");
            out.println("  " + LaneContents.read(stack.client()).table());
            out.flush();
            final String listed = server.map(started -> " (" + started.uri().resolve("api/outbox") + ")")
                    .orElse("");
            if (stack.outbox().isEmpty()) {
                out.println("outbox: none; the notices went to the relay " + smtpRelay);
            } else if (loaded.uploadedNow()) {
                final long notices = DemoNotices.await(stack.outbox().get(), statuses, DEMO_TIMEOUT);
                out.println("outbox: " + notices + " notices captured" + listed);
            } else {
                out.println("outbox: the demo's notices were captured by an earlier start (the outbox lives in memory)"
                        + listed);
            }
            out.flush();
        }
        stopped.await();
        return ExitCodes.OK;
    }

    /** The processes of {@code size}, each in its own JVM, until Ctrl-C. */
    private int runCluster(final ClusterSize size) throws Exception {
        if (demo) {
            throw usage("--demo runs in one JVM; leave out --brokers, --workers and --instances");
        }
        // a bad option or a missing connector file fails here, before any process starts
        configure(MailrouteStack.builder());
        final PrintWriter out = spec.commandLine().getOut();
        final LocalCluster.Settings settings = new LocalCluster.Settings(
                size, dataDir, host, kafkaPort, controllerPort, connectPort, status.settings());
        final CountDownLatch stopped = new CountDownLatch(1);
        final LocalCluster cluster;
        try {
            cluster = LocalCluster.start(settings, this::configure, printing(out));
        } catch (RuntimeException e) {
            throw new CommandFailure(ExitCodes.FAILURE, "mailroute local did not start: " + e.getMessage(), e);
        }
        closeOnShutdown(out, cluster::close, stopped);
        cluster.stack().urls().forEach((name, url) -> out.printf("  %-16s %s%n", name, url));
        cluster.processes()
                .instances()
                .forEach(instance ->
                        out.printf("  %-16s %s (pid %d)%n", "status page", instance.statusUrl(), instance.pid()));
        out.println("mailroute local ready: " + size.brokers() + " brokers (" + cluster.bootstrapServers() + "), "
                + size.workers() + " Connect worker(s), " + size.instances() + " instance(s); processes in "
                + dataDir.resolve(ClusterFile.NAME).toAbsolutePath() + " (Ctrl-C stops)");
        out.flush();
        stopped.await();
        return ExitCodes.OK;
    }

    /** Prints each start-up step, indented, as it happens. */
    private static Consumer<String> printing(final PrintWriter out) {
        return step -> {
            out.println("  " + step);
            out.flush();
        };
    }

    /** On Ctrl-C: says so, runs {@code close} and releases {@code stopped}. */
    private static void closeOnShutdown(final PrintWriter out, final Runnable close, final CountDownLatch stopped) {
        Runtime.getRuntime()
                .addShutdownHook(new Thread(
                        () -> {
                            out.println("mailroute local: stopping");
                            out.flush();
                            close.run();
                            stopped.countDown();
                        },
                        "mailroute-local-shutdown"));
    }
}
