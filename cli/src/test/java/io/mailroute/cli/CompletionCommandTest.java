package io.mailroute.cli;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The completion script, loaded into a real bash and asked what it completes. */
class CompletionCommandTest {
    @TempDir
    Path dir;

    @Test
    void shouldCompleteSubcommandsOptionsAndEnumValuesInBash() throws Exception {
        // given
        final CommandRun script = CommandRun.of("completion");
        assertThat(script.exitCode()).as(script.err()).isZero();
        final Path file = Files.writeString(dir.resolve("mailroute-completion.bash"), script.out());

        // when
        final String subcommands = complete(file, "mailroute su");
        final String options = complete(file, "mailroute dlq list --out");
        final String formats = complete(file, "mailroute retry list --output ");

        // then
        assertThat(subcommands.split("\\s+")).contains("suppressions");
        assertThat(options.split("\\s+")).contains("--output");
        assertThat(formats.split("\\s+")).containsExactlyInAnyOrder("text", "json");
    }

    /** What bash offers after {@code line} (the last word is the one being completed). */
    private String complete(final Path script, final String line) throws IOException, InterruptedException {
        final String words = line.endsWith(" ") ? line + "''" : line;
        final String program = "source " + script + "\n"
                + "COMP_WORDS=(" + words + ")\n"
                + "COMP_CWORD=$(( ${#COMP_WORDS[@]} - 1 ))\n"
                + "COMP_LINE='" + line + "'\n"
                + "COMP_POINT=${#COMP_LINE}\n"
                + "_complete_mailroute\n"
                + "printf '%s\\n' \"${COMPREPLY[@]}\"\n";
        final Process bash = new ProcessBuilder("bash", "-c", program)
                // compopt complains outside a real completion; what is offered is on stdout
                .redirectError(ProcessBuilder.Redirect.DISCARD)
                .start();
        final String out = new String(bash.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        assertThat(bash.waitFor(30, TimeUnit.SECONDS)).isTrue();
        assertThat(bash.exitValue()).as(out).isZero();
        return out.strip();
    }
}
