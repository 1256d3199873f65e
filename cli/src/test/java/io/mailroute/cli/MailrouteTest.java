package io.mailroute.cli;

import static org.assertj.core.api.Assertions.assertThat;

import io.mailroute.runtime.command.ExitCodes;
import org.apache.kafka.common.utils.AppInfoParser;
import org.junit.jupiter.api.Test;

class MailrouteTest {

    private static CommandRun run(final String... args) {
        return CommandRun.of(args);
    }

    @Test
    void shouldPrintUsageWithHelp() {
        final CommandRun result = run("--help");

        assertThat(result.exitCode()).isZero();
        assertThat(result.out()).contains("Usage: mailroute").contains("--version");
    }

    @Test
    void shouldPrintTheBuildVersion() {
        final CommandRun result = run("--version");

        assertThat(result.exitCode()).isZero();
        assertThat(result.out())
                .containsPattern("mailroute \\d+\\.\\d+\\.\\d+")
                .contains("Kafka " + AppInfoParser.getVersion());
    }

    @Test
    void shouldRejectUnknownCommandsWithUsageExitCode() {
        final CommandRun result = run("no-such-command");

        assertThat(result.exitCode()).isEqualTo(ExitCodes.USAGE);
        assertThat(result.err()).contains("Unmatched argument");
    }
}
