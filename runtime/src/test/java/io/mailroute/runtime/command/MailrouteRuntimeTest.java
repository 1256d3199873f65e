package io.mailroute.runtime.command;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.PrintWriter;
import java.io.StringWriter;
import org.apache.kafka.common.utils.AppInfoParser;
import org.junit.jupiter.api.Test;
import picocli.CommandLine;

class MailrouteRuntimeTest {

    @Test
    void shouldOfferRunAndTopicsOnly() {
        // when
        final CommandLine commandLine = MailrouteRuntime.commandLine();

        // then
        assertThat(commandLine.getSubcommands()).containsOnlyKeys("run", "topics", "help");
    }

    @Test
    void shouldPrintTheBuildVersion() {
        // given
        final StringWriter out = new StringWriter();
        final CommandLine commandLine = MailrouteRuntime.commandLine();
        commandLine.setOut(new PrintWriter(out));

        // when
        final int exitCode = commandLine.execute("--version");

        // then
        assertThat(exitCode).isZero();
        assertThat(out.toString())
                .containsPattern("mailroute \\d+\\.\\d+\\.\\d+")
                .contains("Kafka " + AppInfoParser.getVersion());
    }
}
