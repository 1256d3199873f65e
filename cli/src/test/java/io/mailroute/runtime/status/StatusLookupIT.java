package io.mailroute.runtime.status;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import io.mailroute.runtime.app.MailrouteApp;
import java.io.IOException;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Path;
import java.time.Duration;
import java.util.HashMap;
import java.util.Map;
import org.apache.kafka.streams.KafkaStreams;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Status lookups in an application of two instances: a key this instance hosts is answered from
 * its store, a key the other instance hosts is redirected to that instance's status server. The
 * other instance's own status server starts before its streams, as {@code mailroute run} starts it,
 * and answers its probes from then on.
 */
@Tag(StatusStack.INTEGRATION)
class StatusLookupIT {
    private static final String OTHER = "status-2.invalid:8080";

    @TempDir
    static Path otherStateDir;

    private static StatusStack stack;
    private static MailrouteApp other;
    private static StatusServer otherServer;
    /** The other instance's probes, asked when its status server had started and its streams had not. */
    private static final Map<String, HttpResponse<String>> probesBeforeStart = new HashMap<>();

    @BeforeAll
    static void startTwoInstances() throws Exception {
        stack = new StatusStack("status-lookup-it");
        other = stack.member(OTHER, otherStateDir);
        other.onCreated(streams -> {
            otherServer = StatusServer.start(
                    StatusServer.Settings.local().withBinding("127.0.0.1", 0),
                    streams,
                    other.describe(),
                    stack.clients);
            for (final String probe : new String[] {"/livez", "/readyz"}) {
                probesBeforeStart.put(probe, get(otherServer, probe));
            }
            return otherServer;
        });
        other.start(Duration.ofSeconds(90));
        await().atMost(Duration.ofSeconds(90))
                .until(() -> other.kafkaStreams().state() == KafkaStreams.State.RUNNING
                        && stack.streams.state() == KafkaStreams.State.RUNNING
                        && stack.streams.metadataForAllStreamsClients().size() == 2);
    }

    @AfterAll
    static void stop() {
        try {
            if (other != null) {
                other.close();
            }
        } finally {
            if (stack != null) {
                stack.close();
            }
        }
    }

    @Test
    void shouldAnswerTheProbesFromBeforeTheStreamsStartLiveButNotReadyUntilTheyRun() throws Exception {
        // then: before the streams started
        assertThat(probesBeforeStart.get("/livez").statusCode()).isEqualTo(200);
        assertThat(probesBeforeStart.get("/livez").body()).contains("\"state\":\"CREATED\"");
        assertThat(probesBeforeStart.get("/readyz").statusCode()).isEqualTo(503);
        assertThat(probesBeforeStart.get("/readyz").body()).contains("\"ready\":false");

        // and: once they run
        final HttpResponse<String> ready = get(otherServer, "/readyz");
        assertThat(ready.statusCode()).isEqualTo(200);
        assertThat(ready.body()).contains("\"state\":\"RUNNING\"");
    }

    @Test
    void shouldAnswerLocalKeysAndRedirectKeysHostedByTheOtherInstance() {
        await().atMost(Duration.ofSeconds(60)).untilAsserted(() -> {
            // given: every mail's status, wherever it is hosted
            final Map<String, HttpResponse<String>> answers = new HashMap<>();
            for (final String mail : StatusStack.MAILS) {
                answers.put(mail, stack.get("/api/status/" + mail));
            }

            // then
            assertThat(answers.values())
                    .extracting(HttpResponse::statusCode)
                    .containsOnly(200, 307)
                    .contains(200, 307);
            answers.forEach((mail, answer) -> {
                if (answer.statusCode() == 307) {
                    assertThat(answer.headers().firstValue("Location"))
                            .hasValue("http://" + OTHER + "/api/status/" + mail);
                } else {
                    assertThat(answer.body()).contains("\"mailId\":\"" + mail + "\"");
                }
            });
        });
    }

    private static HttpResponse<String> get(final StatusServer server, final String path)
            throws IOException, InterruptedException {
        return stack.http.send(
                HttpRequest.newBuilder(server.uri().resolve(path))
                        .timeout(Duration.ofSeconds(10))
                        .GET()
                        .build(),
                HttpResponse.BodyHandlers.ofString());
    }
}
