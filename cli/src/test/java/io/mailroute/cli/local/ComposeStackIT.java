package io.mailroute.cli.local;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.mailroute.runtime.client.ClientSettings;
import io.mailroute.runtime.client.LocalDefaults;
import io.mailroute.s3.S3ConfigFragment;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.UUID;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.condition.EnabledIf;
import org.junit.jupiter.api.io.TempDir;
import org.testcontainers.DockerClientFactory;
import org.testcontainers.containers.ComposeContainer;
import org.testcontainers.containers.wait.strategy.Wait;

/**
 * docker-compose.yml brought up on a Docker engine, as the README tells a user to: the demo owners,
 * contacts and mails go in through the ports compose publishes, every lane holds the demo mails
 * local mode puts there, and Mailpit caught the notices. Where no Docker engine exists (where this
 * project is developed, and in CI) it is skipped, saying so: the one test allowed to skip. Runtime's
 * ComposeFileTest checks the file statically everywhere.
 */
@EnabledIf(
        value = "dockerIsAvailable",
        disabledReason = "no Docker engine here: ComposeStackIT brings up docker-compose.yml and needs one"
                + " (README.md, docker-compose, says how to run it)")
class ComposeStackIT {
    private static final Duration STARTUP = Duration.ofMinutes(10);
    private static final Duration FLOW_TIMEOUT = Duration.ofMinutes(3);
    private static final Map<String, Long> DEMO_LANES = DemoLanes.EXPECTED;

    private static final ObjectMapper JSON = new ObjectMapper();
    private static final HttpClient HTTP = HttpClient.newHttpClient();

    private static ComposeContainer compose;

    @TempDir
    Path demoDir;

    static boolean dockerIsAvailable() {
        return DockerClientFactory.instance().isDockerAvailable();
    }

    @BeforeAll
    static void startCompose() {
        final Path root =
                Path.of(System.getProperty("basedir", ".")).toAbsolutePath().getParent();
        // what `docker compose up --build` copies and mounts: runtime's and connectors' package phases built them
        assertThat(root.resolve("runtime/target/mailroute-runtime.jar")).isRegularFile();
        assertThat(root.resolve("connectors/target")).isDirectoryContaining("glob:**-plugin");
        compose = new ComposeContainer(root.resolve("docker-compose.yml").toFile())
                .withEnv("MAILROUTE_STATUS_TOKEN", UUID.randomUUID().toString())
                .withBuild(true)
                .withStartupTimeout(STARTUP)
                .waitingFor("kafka", Wait.forHealthcheck())
                .waitingFor("schema-registry", Wait.forHealthcheck())
                .waitingFor("s3proxy", Wait.forHealthcheck())
                .waitingFor("connect", Wait.forHealthcheck())
                .waitingFor("mailpit", Wait.forHealthcheck());
        compose.start();
    }

    @AfterAll
    static void stopCompose() {
        if (compose != null) {
            compose.stop();
        }
    }

    @Test
    void shouldRouteTheDemoMailsIntoTheirLanesAndDeliverTheNotices() throws Exception {
        final ClientSettings client = new ClientSettings(
                "localhost:" + LocalDefaults.KAFKA_PORT,
                "http://localhost:" + LocalDefaults.REGISTRY_PORT,
                LocalDefaults.S3_ENDPOINT,
                LocalDefaults.BUCKET,
                "us-east-1",
                Map.of(
                        S3ConfigFragment.ACCESS_KEY_ID_CONFIG, LocalDefaults.S3_ACCESS_KEY,
                        S3ConfigFragment.SECRET_ACCESS_KEY_CONFIG, LocalDefaults.S3_SECRET_KEY));
        // connect-init submitted both connectors; running, they resolved their ${env:...} S3 keys
        await().atMost(STARTUP).untilAsserted(() -> {
            assertRunning("s3-mail");
            assertRunning("smtp-notify");
        });

        final DemoData demo = new DemoData(client, demoDir);
        demo.publishOwners();
        demo.publishContacts();
        final List<String> mailIds = demo.uploadMails();
        assertThat(mailIds).hasSize(12).allMatch(id -> id.startsWith(DemoData.PREFIX));
        demo.awaitTerminal(mailIds, FLOW_TIMEOUT);

        await().atMost(FLOW_TIMEOUT).untilAsserted(() -> {
            final Map<String, Long> lanes =
                    new TreeMap<>(LaneContents.read(client).mails());
            // a mail the app read before its owner index took in the demo owners waited in mail.retry, then went on
            assertThat(lanes.remove("retry")).isGreaterThanOrEqualTo(DEMO_LANES.get("retry"));
            final Map<String, Long> expected = new TreeMap<>(DEMO_LANES);
            expected.remove("retry");
            assertThat(lanes).isEqualTo(expected);
        });
        await().atMost(FLOW_TIMEOUT)
                .untilAsserted(() -> assertThat(get("http://localhost:8025/api/v1/messages")
                                .get("total")
                                .asLong())
                        .as("notices Mailpit caught")
                        .isGreaterThanOrEqualTo(DEMO_LANES.get("notify")));
    }

    private static void assertRunning(final String connector) throws Exception {
        final JsonNode status =
                get("http://localhost:" + LocalDefaults.CONNECT_PORT + "/connectors/" + connector + "/status");
        assertThat(status.path("connector").path("state").asText())
                .as(connector)
                .isEqualTo("RUNNING");
        assertThat(status.path("tasks"))
                .as("tasks of %s", connector)
                .isNotEmpty()
                .allSatisfy(task -> assertThat(task.path("state").asText()).isEqualTo("RUNNING"));
    }

    private static JsonNode get(final String url) throws Exception {
        final HttpResponse<String> response = HTTP.send(
                HttpRequest.newBuilder(URI.create(url))
                        .timeout(Duration.ofSeconds(10))
                        .build(),
                HttpResponse.BodyHandlers.ofString());
        assertThat(response.statusCode()).as(url).isEqualTo(200);
        return JSON.readTree(response.body());
    }
}
