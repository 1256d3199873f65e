package io.mailroute.cli;

import static org.assertj.core.api.Assertions.assertThat;

import io.mailroute.runtime.command.ExitCodes;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The instances phase's usage errors, before anything is started or reached. */
class BenchCommandTest {
    @TempDir
    Path dir;

    @Test
    void shouldRefuseTheInstancesPhaseWithoutACluster() {
        final CommandRun run = CommandRun.of("bench", "--phases", "instances");

        assertThat(run.exitCode()).isEqualTo(ExitCodes.USAGE);
        assertThat(run.err()).contains("give --cluster and --cluster-file");
    }

    @Test
    void shouldRefuseTheInstancesPhaseWithoutAClusterFile() {
        final CommandRun run = CommandRun.of("bench", "--cluster", "--phases", "instances");

        assertThat(run.exitCode()).isEqualTo(ExitCodes.USAGE);
        assertThat(run.err()).contains("give --cluster and --cluster-file");
    }

    @Test
    void shouldRefuseAMissingClusterFile() {
        final Path missing = dir.resolve("cluster.json");

        final CommandRun run =
                CommandRun.of("bench", "--cluster", "--cluster-file", missing.toString(), "--phases", "instances");

        assertThat(run.exitCode()).isEqualTo(ExitCodes.USAGE);
        assertThat(run.err()).contains("--cluster-file " + missing + " does not exist");
    }

    @Test
    void shouldRefuseAFileThatIsNotAClusterFile() throws Exception {
        final Path file = Files.writeString(dir.resolve("cluster.json"), "{\"brokers\": 3");

        final CommandRun run =
                CommandRun.of("bench", "--cluster", "--cluster-file", file.toString(), "--phases", "instances");

        assertThat(run.exitCode()).isEqualTo(ExitCodes.USAGE);
        assertThat(run.err()).contains("is not a cluster file");
    }

    @Test
    void shouldRefuseAClusterFileWithoutInstances() throws Exception {
        final Path file =
                Files.writeString(dir.resolve("cluster.json"), "{\"brokers\":[],\"workers\":[],\"instances\":[]}");

        final CommandRun run =
                CommandRun.of("bench", "--cluster", "--cluster-file", file.toString(), "--phases", "instances");

        assertThat(run.exitCode()).isEqualTo(ExitCodes.USAGE);
        assertThat(run.err()).contains("lists no instances");
    }
}
