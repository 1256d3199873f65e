package io.mailroute.cli.bench;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.mailroute.cli.Mailroute;
import io.mailroute.runtime.client.LocalDefaults;
import io.mailroute.runtime.status.StatusServer;
import io.mailroute.stack.ClusterFile;
import io.mailroute.stack.ClusterSize;
import io.mailroute.stack.LocalCluster;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.file.Path;
import java.util.Optional;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import picocli.CommandLine;

/**
 * {@code mailroute bench --cluster --cluster-file ... --phases instances} against {@code mailroute
 * local --brokers 1 --workers 1 --instances 2} on two partitions: the cluster's own connector and
 * instances carry the mails, and each instance's part comes from its {@code /metrics}.
 */
@Tag("integration")
class BenchInstancesIT {
    private static final int MAILS = 200;
    private static final ObjectMapper JSON = new ObjectMapper();

    @TempDir
    Path dataDir;

    @Test
    void shouldReportWhatEachInstanceOfTheClusterConsumed() throws Exception {
        // given
        final LocalCluster.Settings settings = new LocalCluster.Settings(
                new ClusterSize(1, 1, 2),
                dataDir,
                "127.0.0.1",
                0,
                0,
                0,
                Optional.of(StatusServer.Settings.local().withBinding("127.0.0.1", 0)));
        try (LocalCluster cluster =
                LocalCluster.start(settings, stack -> stack.dataDir(dataDir).partitions(2), step -> {})) {
            final StringWriter out = new StringWriter();
            final CommandLine commandLine = Mailroute.commandLine();
            commandLine.setOut(new PrintWriter(out));

            // when
            final int exitCode = commandLine.execute(
                    "bench",
                    "--cluster",
                    "--bootstrap-server",
                    cluster.bootstrapServers(),
                    "--schema-registry",
                    cluster.stack().client().schemaRegistry(),
                    // the S3 endpoint and keys the instances are given
                    "--config",
                    dataDir.resolve("cluster").resolve("instance.properties").toString(),
                    "--s3-bucket",
                    LocalDefaults.BUCKET,
                    "--connect-url",
                    cluster.processes().workers().get(0).url(),
                    "--cluster-file",
                    dataDir.resolve(ClusterFile.NAME).toString(),
                    "--phases",
                    "instances",
                    "--mails",
                    Integer.toString(MAILS),
                    "--rate",
                    "400");

            // then
            assertThat(exitCode).isZero();
            final JsonNode phase = JSON.readTree(out.toString()).path("instances");
            assertThat(phase.path("mails").asLong()).isEqualTo(MAILS);
            assertThat(phase.path("processed").asLong()).isEqualTo(MAILS);
            assertThat(phase.path("mailsPerSec").asDouble()).isPositive();
            final JsonNode instances = phase.path("instances");
            assertThat(instances).hasSize(2);
            assertThat(instances)
                    .extracting(i -> i.path("pid").asLong())
                    .containsExactlyElementsOf(cluster.processes().instances().stream()
                            .map(ClusterFile.Instance::pid)
                            .toList());
            assertThat(instances).allSatisfy(instance -> {
                assertThat(instance.path("reachable").asBoolean()).isTrue();
                assertThat(instance.path("mails").asLong()).isPositive();
                assertThat(instance.path("mailsPerSec").asDouble()).isPositive();
            });
            // each mail is consumed once, unless a rebalance aborts a transaction: its records are read again,
            // at most one commit interval's worth per task, far from the double a second count would give
            final long consumed = phase.path("consumedByInstances").asLong();
            assertThat(consumed).isBetween((long) MAILS, MAILS * 3L / 2);
            assertThat(instances.get(0).path("mails").asLong()
                            + instances.get(1).path("mails").asLong())
                    .isEqualTo(consumed);
            assertThat(instances.get(0).path("sharePercent").asDouble()
                            + instances.get(1).path("sharePercent").asDouble())
                    .isCloseTo(100, within(0.02));
        }
    }
}
