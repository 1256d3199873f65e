package io.mailroute.cli;

import io.mailroute.cli.local.DemoLoader;
import io.mailroute.cli.local.LaneContents;
import io.mailroute.runtime.command.CommandFailure;
import io.mailroute.runtime.command.ExitCodes;
import io.mailroute.runtime.command.StatusOptions;
import io.mailroute.runtime.status.StatusServer;
import io.mailroute.stack.MailrouteStack;
import io.mailroute.stack.StackPorts;
import java.io.IOException;
import java.io.PrintWriter;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Optional;
import java.util.concurrent.Callable;
import java.util.concurrent.CountDownLatch;
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
                    + "the S3 mail connector, the mail topology. Ctrl-C stops it; state is kept in the data directory across restarts."
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
            names = "--connect-port",
            defaultValue = "8083",
            description = "Connect REST port (default: ${DEFAULT-VALUE}).")
    int connectPort;

    @Option(
            names = "--partitions",
            defaultValue = "3",
            description = "Partitions of the topics created on the first start " + "(default: ${DEFAULT-VALUE}).")
    int partitions;

    @Mixin
    StatusOptions status;

    @Spec
    CommandSpec spec;

    /** The ports of the options; two services on one port is a usage error. */
    StackPorts ports() {
        try {
            return new StackPorts(kafkaPort, controllerPort, registryPort, s3Port, connectPort);
        } catch (IllegalArgumentException e) {
            throw new CommandFailure(ExitCodes.USAGE, e.getMessage(), e);
        }
    }

    /** The whole pipeline as the options describe it; a bad combination is a usage error. */
    MailrouteStack.Builder stack() {
        final StackPorts ports = ports();
        try {
            final MailrouteStack.Builder stack = MailrouteStack.builder()
                    .pipeline()
                    .dataDir(dataDir)
                    .host(host)
                    .ports(ports)
                    .partitions(partitions);
            return organizationsConfig == null ? stack : stack.organizationsConnector(organizationsConfig);
        } catch (IllegalArgumentException e) {
            throw new CommandFailure(ExitCodes.USAGE, e.getMessage(), e);
        }
    }

    @Override
    public Integer call() throws Exception {
        final MailrouteStack.Builder builder = stack();
        if (organizationsConfig != null && !organizationsConfig.toFile().isFile()) {
            throw new CommandFailure(ExitCodes.USAGE, "no such connector file: " + organizationsConfig);
        }
        final PrintWriter out = spec.commandLine().getOut();
        final CountDownLatch stopped = new CountDownLatch(1);
        final MailrouteStack stack;
        try {
            stack = builder.progress(step -> {
                        out.println("  " + step);
                        out.flush();
                    })
                    .start();
        } catch (RuntimeException e) {
            throw new CommandFailure(ExitCodes.FAILURE, "mailroute local did not start: " + e.getMessage(), e);
        }
        Runtime.getRuntime()
                .addShutdownHook(new Thread(
                        () -> {
                            out.println("mailroute local: stopping");
                            out.flush();
                            stack.close();
                            stopped.countDown();
                        },
                        "mailroute-local-shutdown"));
        final Optional<StatusServer> server = startStatusServer(stack);
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
            loader.awaitTerminal(loaded.mailIds(), DEMO_TIMEOUT);
            out.println("demo: " + loaded.mailIds().size() + " mails have flowed; lanes:");
            out.println("  " + LaneContents.read(stack.client()).table());
            out.flush();
        }
        stopped.await();
        return ExitCodes.OK;
    }

    /** The status server of the options, with the stack's app; a bad binding is a usage error. */
    private Optional<StatusServer> startStatusServer(final MailrouteStack stack) {
        final Optional<StatusServer.Settings> settings = status.settings();
        try {
            return settings.isEmpty() ? Optional.empty() : Optional.of(stack.startStatusServer(settings.get()));
        } catch (IllegalArgumentException | IOException e) {
            throw new CommandFailure(ExitCodes.USAGE, "status server: " + e.getMessage(), e);
        }
    }
}
