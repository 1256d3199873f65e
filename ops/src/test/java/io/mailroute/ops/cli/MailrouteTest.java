package io.mailroute.ops.cli;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.PrintWriter;
import java.io.StringWriter;
import org.junit.jupiter.api.Test;
import picocli.CommandLine;

class MailrouteTest {

    private record Result(int exitCode, String out, String err) {}

    private static Result run(final String... args) {
        final StringWriter out = new StringWriter();
        final StringWriter err = new StringWriter();
        final CommandLine commandLine = Mailroute.commandLine();
        commandLine.setOut(new PrintWriter(out));
        commandLine.setErr(new PrintWriter(err));
        final int exitCode = commandLine.execute(args);
        return new Result(exitCode, out.toString(), err.toString());
    }

    @Test
    void shouldPrintUsageWithHelp() {
        final Result result = run("--help");

        assertThat(result.exitCode()).isZero();
        assertThat(result.out()).contains("Usage: mailroute").contains("--version");
    }

    @Test
    void shouldPrintTheBuildVersion() {
        final Result result = run("--version");

        assertThat(result.exitCode()).isZero();
        assertThat(result.out()).containsPattern("mailroute \\d+\\.\\d+\\.\\d+").contains("Kafka 4.3.1");
    }

    @Test
    void shouldRejectUnknownCommandsWithUsageExitCode() {
        final Result result = run("no-such-command");

        assertThat(result.exitCode()).isEqualTo(ExitCodes.USAGE);
        assertThat(result.err()).contains("Unmatched argument");
    }
}
