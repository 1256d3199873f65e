package io.mailroute.cli;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.mailroute.cli.local.LocalSettings;
import io.mailroute.runtime.command.ExitCodes;
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
        final LocalSettings settings = parse().settings();

        assertThat(settings).isEqualTo(LocalSettings.defaults(Path.of(System.getenv().getOrDefault("MAILROUTE_DATA_DIR",
                ".mailroute-data"))));
    }

    @Test
    void shouldTakeEveryPortAndTheDataDirFromOptions() {
        final LocalSettings settings = parse("--data-dir", "/tmp/x", "--kafka-port", "0", "--controller-port", "19093",
                "--schema-registry-port", "18081", "--s3-port", "19000", "--connect-port", "18083", "--partitions", "1",
                "--organizations-config", "org.json", "--demo").settings();

        assertThat(settings.dataDir()).isEqualTo(Path.of("/tmp/x"));
        assertThat(settings.kafkaPort()).isZero();
        assertThat(settings.controllerPort()).isEqualTo(19093);
        assertThat(settings.registryPort()).isEqualTo(18081);
        assertThat(settings.s3Port()).isEqualTo(19000);
        assertThat(settings.connectPort()).isEqualTo(18083);
        assertThat(settings.partitions()).isEqualTo(1);
        assertThat(settings.organizationsConfig()).contains(Path.of("org.json"));
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
        assertThatThrownBy(() -> parse("--kafka-port", "ninety"))
                .isInstanceOf(CommandLine.ParameterException.class);
    }
}
