package io.mailroute.embedded;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.mailroute.embedded.testconnect.CountingSourceConnector;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.Socket;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Map;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * A worker set up as {@code mailroute local} sets it up: its REST API answers loopback host names
 * only, and {@code ${file:...}} resolves files inside one directory only, tried on the real runtime.
 */
class ConnectRestHardeningIT {
    private static final String SECRET_KEY = "secret";
    private static final String VALIDATE =
            "/connector-plugins/" + CountingSourceConnector.class.getName() + "/config/validate";
    private static final ObjectMapper JSON = new ObjectMapper();

    @TempDir
    static Path dataDir;

    @TempDir
    static Path elsewhere;

    private static EmbeddedKafka kafka;
    private static EmbeddedConnect connect;

    @BeforeAll
    static void startWorker() {
        kafka = EmbeddedKafka.builder().start();
        connect = EmbeddedConnect.builder()
                .bootstrapServers(kafka.bootstrapServers())
                .groupId("hardened")
                .loopbackRestOnly()
                .fileConfigProvider(dataDir)
                .start();
    }

    @AfterAll
    static void stopWorker() {
        if (connect != null) {
            connect.close();
        }
        if (kafka != null) {
            kafka.close();
        }
    }

    @Test
    void shouldRefuseARequestForAnotherHostAndAnswerLoopbackOnes() throws Exception {
        // when
        final String rebound = statusLine("GET /connectors", "evil.example:" + connect.restPort());
        final String missing = statusLine("GET /connectors", null);
        final String validate = statusLine("PUT " + VALIDATE, "evil.example");

        // then
        assertThat(rebound).startsWith("HTTP/1.1 403");
        assertThat(missing).as("Jetty itself refuses HTTP/1.1 without Host").startsWith("HTTP/1.1 400");
        assertThat(validate).as("refused before the resource is matched").startsWith("HTTP/1.1 403");
        final int port = connect.restPort();
        for (final String host : new String[] {"localhost:" + port, "127.0.0.1:" + port, "[::1]", "LOCALHOST"}) {
            assertThat(statusLine("GET /connectors", host)).as(host).startsWith("HTTP/1.1 200");
        }
    }

    @Test
    void shouldResolveFilePlaceholdersInsideTheDataDirectoryOnly() throws Exception {
        // given: one secret inside the data directory, one outside (as /etc/passwd or ~/.aws/credentials are)
        final Path inside = Files.writeString(dataDir.resolve("in.properties"), SECRET_KEY + "=4711\n");
        final Path outside = Files.writeString(elsewhere.resolve("out.properties"), SECRET_KEY + "=8008\n");

        // when: validate checks an INT field given as each reference; since Kafka 4.3.2 it answers
        // with the reference, never the resolved value, so resolution shows in the field's errors
        final JsonNode allowed = batchSizeValue("${file:" + inside + ":" + SECRET_KEY + "}");
        final JsonNode refused = batchSizeValue("${file:" + outside + ":" + SECRET_KEY + "}");

        // then: the inside reference resolved to a valid number; the outside one did not resolve
        assertThat(allowed.path("errors")).as(allowed.toString()).isEmpty();
        assertThat(refused.path("errors")).as(refused.toString()).isNotEmpty();
        assertThat(refused.toString()).doesNotContain("8008");
    }

    /** The {@code value} part of {@code batch.size} in the answer of {@code validate} for that value. */
    private static JsonNode batchSizeValue(final String value) throws Exception {
        final Map<String, String> config = Map.of(
                "connector.class",
                CountingSourceConnector.class.getName(),
                "tasks.max",
                "1",
                "topic",
                "hardened-topic",
                "batch.size",
                value);
        final HttpRequest request = HttpRequest.newBuilder(URI.create(connect.restUrl() + VALIDATE))
                .header("Content-Type", "application/json")
                .timeout(Duration.ofSeconds(60))
                .PUT(HttpRequest.BodyPublishers.ofString(JSON.writeValueAsString(config)))
                .build();
        final HttpResponse<String> response =
                HttpClient.newHttpClient().send(request, HttpResponse.BodyHandlers.ofString());
        assertThat(response.statusCode()).as(response.body()).isEqualTo(200);
        for (final JsonNode field : JSON.readTree(response.body()).path("configs")) {
            if ("batch.size".equals(field.path("value").path("name").asText())) {
                return field.path("value");
            }
        }
        throw new AssertionError("no batch.size in " + response.body());
    }

    /**
     * The status line of a request with {@code Host: host} (none when null), sent over a plain socket: the JDK
     * HTTP client sets the Host header itself.
     */
    private static String statusLine(final String requestLine, final String host) throws IOException {
        try (Socket socket = new Socket("127.0.0.1", connect.restPort())) {
            socket.setSoTimeout(30_000);
            final OutputStream out = socket.getOutputStream();
            final String hostHeader = host == null ? "" : "Host: " + host + "\r\n";
            out.write((requestLine + " HTTP/1.1\r\n" + hostHeader + "Content-Type: application/json\r\n"
                            + "Content-Length: 2\r\nConnection: close\r\n\r\n{}")
                    .getBytes(StandardCharsets.US_ASCII));
            out.flush();
            final InputStream in = socket.getInputStream();
            final String answer = new String(in.readAllBytes(), StandardCharsets.ISO_8859_1);
            return answer.lines().findFirst().orElse("");
        }
    }
}
