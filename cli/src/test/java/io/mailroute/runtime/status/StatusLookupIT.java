package io.mailroute.runtime.status;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import io.mailroute.runtime.app.MailrouteApp;
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
 * its store, a key the other instance hosts is redirected to that instance's status server.
 */
@Tag(StatusStack.INTEGRATION)
class StatusLookupIT {
    private static final String OTHER = "status-2.invalid:8080";

    @TempDir
    static Path otherStateDir;

    private static StatusStack stack;
    private static MailrouteApp other;

    @BeforeAll
    static void startTwoInstances() throws Exception {
        stack = new StatusStack("status-lookup-it");
        other = stack.member(OTHER, otherStateDir);
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
}
