package io.mailroute.runtime.command;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.mailroute.runtime.app.MailrouteApp;
import io.mailroute.runtime.client.LocalDefaults;
import java.nio.file.Path;
import java.util.Map;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.streams.StreamsConfig;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import picocli.CommandLine;

class RunCommandTest {
    private static final String SESSION_TIMEOUT =
            StreamsConfig.mainConsumerPrefix(ConsumerConfig.SESSION_TIMEOUT_MS_CONFIG);

    @Test
    void shouldPointTheRunCommandAtTheClusterWithItsStateDirAndS3Keys() {
        // given
        final RunCommand run = new RunCommand();
        new CommandLine(run)
                .parseArgs(
                        "--bootstrap-server",
                        "kafka:9092",
                        "--schema-registry",
                        "http://registry:8081",
                        "--s3-endpoint",
                        "http://minio:9000",
                        "--state-dir",
                        "/var/lib/mailroute",
                        "--application-id",
                        "mailroute-eu");

        // when
        final Map<String, Object> settings = run.appSettings();

        // then
        assertThat(settings)
                .containsEntry(StreamsConfig.BOOTSTRAP_SERVERS_CONFIG, "kafka:9092")
                .containsEntry("schema.registry.url", "http://registry:8081")
                .containsEntry(StreamsConfig.APPLICATION_ID_CONFIG, "mailroute-eu")
                .containsEntry(
                        StreamsConfig.STATE_DIR_CONFIG,
                        Path.of("/var/lib/mailroute").toAbsolutePath().toString())
                .containsEntry("mailroute.s3.endpoint", "http://minio:9000")
                .containsEntry("mailroute.s3.path.style.access", "true")
                .doesNotContainKey("client.id");
        if (System.getenv("AWS_ACCESS_KEY_ID") == null && System.getenv("MAILROUTE_S3_ACCESS_KEY_ID") == null) {
            assertThat(settings)
                    .containsEntry("mailroute.s3.access.key.id", LocalDefaults.S3_ACCESS_KEY)
                    .containsEntry("mailroute.s3.secret.access.key", LocalDefaults.S3_SECRET_KEY);
        }
        assertThat(new MailrouteApp(settings).applicationId()).isEqualTo("mailroute-eu");
    }

    @Test
    void shouldPassTheScaleOutOptionsToStreamsOnlyWhenGiven() {
        final RunCommand plain = new RunCommand();
        new CommandLine(plain).parseArgs();
        final RunCommand scaled = new RunCommand();
        new CommandLine(scaled)
                .parseArgs(
                        "--application-server",
                        "127.0.0.1:8081",
                        "--standby-replicas",
                        "1",
                        "--session-timeout",
                        "10",
                        "--commit-interval",
                        "500");

        assertThat(plain.appSettings())
                .doesNotContainKeys(
                        StreamsConfig.APPLICATION_SERVER_CONFIG,
                        StreamsConfig.NUM_STANDBY_REPLICAS_CONFIG,
                        StreamsConfig.COMMIT_INTERVAL_MS_CONFIG,
                        SESSION_TIMEOUT);
        assertThat(scaled.appSettings())
                .containsEntry(StreamsConfig.APPLICATION_SERVER_CONFIG, "127.0.0.1:8081")
                .containsEntry(StreamsConfig.NUM_STANDBY_REPLICAS_CONFIG, 1)
                .containsEntry(SESSION_TIMEOUT, 10_000)
                .containsEntry(StreamsConfig.COMMIT_INTERVAL_MS_CONFIG, 500);
    }

    @ParameterizedTest
    @CsvSource({
        "--session-timeout, 0, '--session-timeout must be at least 1 second, not 0'",
        "--commit-interval, -5, '--commit-interval must be at least 1 ms, not -5'"
    })
    void shouldRefuseATimeBelowItsMinimum(final String option, final String value, final String message) {
        // given
        final RunCommand run = new RunCommand();
        new CommandLine(run).parseArgs(option, value);

        // when, then
        assertThatThrownBy(run::appSettings)
                .isInstanceOfSatisfying(
                        CommandFailure.class,
                        failure -> assertThat(failure.exitCode()).isEqualTo(ExitCodes.USAGE))
                .hasMessage(message);
    }
}
