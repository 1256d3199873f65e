package io.mailroute.cli;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.mailroute.runtime.command.ExitCodes;
import io.mailroute.stack.ClusterSize;
import io.mailroute.stack.StackPorts;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import picocli.CommandLine;

class LocalCommandTest {

    private static LocalCommand parse(final String... args) {
        final LocalCommand command = new LocalCommand();
        new CommandLine(command).parseArgs(args);
        return command;
    }

    @Test
    void shouldDefaultToTheComposePortsAndADataDirInTheWorkingDirectory() {
        final LocalCommand command = parse();

        assertThat(command.ports()).isEqualTo(StackPorts.LOCAL);
        assertThat(command.dataDir)
                .isEqualTo(Path.of(System.getenv().getOrDefault("MAILROUTE_DATA_DIR", ".mailroute-data")));
        assertThat(command.host).isEqualTo("127.0.0.1");
        assertThat(command.partitions).isEqualTo(3);
        assertThat(command.organizationsConfig).isNull();
    }

    @Test
    void shouldTakeEveryPortAndTheDataDirFromOptions() {
        final LocalCommand command = parse(
                "--data-dir",
                "/tmp/x",
                "--kafka-port",
                "0",
                "--controller-port",
                "19093",
                "--schema-registry-port",
                "18081",
                "--s3-port",
                "19000",
                "--connect-port",
                "18083",
                "--smtp-port",
                "0",
                "--partitions",
                "1",
                "--organizations-config",
                "org.json",
                "--demo");

        assertThat(command.dataDir).isEqualTo(Path.of("/tmp/x"));
        assertThat(command.ports()).isEqualTo(new StackPorts(0, 19093, 18081, 19000, 18083, 0, 9324));
        assertThat(command.partitions).isEqualTo(1);
        assertThat(command.organizationsConfig).isEqualTo(Path.of("org.json"));
    }

    @Test
    void shouldTakeNoCapturePortWithARelay() {
        final LocalCommand command = parse("--smtp-relay", "relay.example:587");

        assertThat(command.ports().smtp()).isZero();
    }

    @Test
    void shouldFailWithUsageCodeForARelayWithoutPort() {
        final CommandRun run = CommandRun.of("local", "--smtp-relay", "relay.example");

        assertThat(run.exitCode()).isEqualTo(ExitCodes.USAGE);
        assertThat(run.err()).contains("--smtp-relay takes HOST:PORT, not relay.example");
    }

    @Test
    void shouldFailWithUsageCodeForAZendeskWithoutItsAgentEmail() {
        final CommandRun run = CommandRun.of(
                "local", "--helpdesk", "zendesk", "--helpdesk-url", "https://x.zendesk.com", "--helpdesk-token", "t");

        assertThat(run.exitCode()).isEqualTo(ExitCodes.USAGE);
        assertThat(run.err()).contains("--helpdesk zendesk needs --helpdesk-email");
    }

    @Test
    void shouldFailWithUsageCodeForHelpdeskSettingsWithoutAHelpdesk() {
        final CommandRun run = CommandRun.of("local", "--helpdesk-url", "https://x.zendesk.com");

        assertThat(run.exitCode()).isEqualTo(ExitCodes.USAGE);
        assertThat(run.err()).contains("need --helpdesk zendesk|backlog");
    }

    @Test
    void shouldFailWithUsageCodeForZeroPartitions() {
        final CommandRun run = CommandRun.of("local", "--partitions", "0");

        assertThat(run.exitCode()).isEqualTo(ExitCodes.USAGE);
        assertThat(run.err()).contains("partitions must be at least 1, not 0");
    }

    @Test
    void shouldFailWithUsageCodeWhenTwoServicesShareAPort() {
        final CommandRun run = CommandRun.of("local", "--s3-port", "9092");

        assertThat(run.exitCode()).isEqualTo(ExitCodes.USAGE);
        assertThat(run.err()).contains("s3 port 9092 is the kafka port already");
    }

    @Test
    void shouldFailWithUsageCodeForAMissingOrganizationsConfig() {
        final CommandRun run = CommandRun.of("local", "--organizations-config", "/no/such/organizations.json");

        assertThat(run.exitCode()).isEqualTo(ExitCodes.USAGE);
        assertThat(run.err()).contains("no such connector file: /no/such/organizations.json");
    }

    @Test
    void shouldRejectANonNumericPort() {
        assertThatThrownBy(() -> parse("--kafka-port", "ninety")).isInstanceOf(CommandLine.ParameterException.class);
    }

    @Test
    void shouldRunInOneJvmUnlessAskedForMoreProcesses() {
        assertThat(parse().size()).isEqualTo(ClusterSize.SINGLE);
        assertThat(parse().size().separateJvms()).isFalse();
        assertThat(parse("--brokers", "3", "--workers", "2", "--instances", "2").size())
                .isEqualTo(new ClusterSize(3, 2, 2))
                .satisfies(size -> assertThat(size.separateJvms()).isTrue());
        assertThat(parse("--instances", "2").size().separateJvms()).isTrue();
    }

    @Test
    void shouldFailWithUsageCodeForFewerThanOneProcessOfAKind() {
        for (final String option : new String[] {"--brokers", "--workers", "--instances"}) {
            final CommandRun run = CommandRun.of("local", option, "0");

            assertThat(run.exitCode()).as(option).isEqualTo(ExitCodes.USAGE);
            assertThat(run.err()).contains(option + " must be at least 1, not 0");
        }
    }

    @Test
    void shouldRefuseTheDemoInClusterModeBeforeStartingAnything() {
        final CommandRun run = CommandRun.of("local", "--brokers", "3", "--demo");

        assertThat(run.exitCode()).isEqualTo(ExitCodes.USAGE);
        assertThat(run.err()).contains("--demo runs in one JVM");
    }
}
