package io.mailroute.embedded;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import io.mailroute.embedded.testconnect.S3KeysSourceConnector;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.stream.Collectors;
import org.apache.kafka.clients.admin.NewTopic;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import software.amazon.awssdk.core.sync.RequestBody;
import software.amazon.awssdk.services.s3.S3Client;

/**
 * The local stack in one JVM: KRaft broker, S3Proxy and a distributed Connect worker whose task
 * reads the bucket through the S3 API, while the test drives Connect's REST API and uploads
 * through the S3 API at the same time. S3Proxy runs on its relocated Jetty, Connect on the Jetty
 * the parent POM pins.
 */
class LocalStackIT {
    private static final Logger LOG = LoggerFactory.getLogger(LocalStackIT.class);
    private static final Duration TIMEOUT = Duration.ofSeconds(60);
    private static final String BUCKET = "mail-inbound";
    private static final String TOPIC = "mail.raw";

    private static EmbeddedKafka kafka;
    private static EmbeddedS3 s3;
    private static EmbeddedConnect connect;

    @BeforeAll
    static void startStack() {
        kafka = EmbeddedKafka.builder().start();
        s3 = EmbeddedS3.builder().start();
        connect = EmbeddedConnect.builder()
                .bootstrapServers(kafka.bootstrapServers())
                .start();
    }

    @AfterAll
    static void stopStack() {
        if (connect != null) {
            connect.close();
        }
        if (s3 != null) {
            s3.close();
        }
        if (kafka != null) {
            kafka.close();
        }
    }

    @Test
    void connectRestAndS3ServeTogetherInOneJvm() throws Exception {
        final String connectJetty = org.eclipse.jetty.util.Jetty.VERSION;
        final String s3ProxyJetty = (String) Class.forName("org.gaul.shaded.org.eclipse.jetty.util.Jetty")
                .getField("VERSION")
                .get(null);
        LOG.info("Connect runs on Jetty {}, S3Proxy on its relocated Jetty {}", connectJetty, s3ProxyJetty);
        assertThat(connectJetty).isEqualTo(System.getProperty("expected.jetty.version"));

        s3.createBucket(BUCKET);
        kafka.createTopics(new NewTopic(TOPIC, 1, (short) 1));
        final Map<String, String> objects = new LinkedHashMap<>();
        try (S3Client client = s3.newClient()) {
            for (int i = 0; i < 3; i++) {
                put(client, objects, "2026/mail-" + i + ".eml");
            }
        }

        final ConnectRestClient rest = connect.rest();
        final Map<String, String> config = new HashMap<>(S3KeysSourceConnector.S3.connectionProperties(s3.settings()));
        config.putAll(Map.of(
                "connector.class",
                S3KeysSourceConnector.class.getName(),
                "tasks.max",
                "1",
                "s3.bucket",
                BUCKET,
                "topic",
                TOPIC,
                "exactly.once.support",
                "required"));
        rest.putConnectorConfig("s3-keys", config);
        rest.awaitRunning("s3-keys", 1, TIMEOUT);
        awaitRecords(objects);

        // uploads through S3Proxy's Jetty while the REST API on Connect's Jetty is busy
        final CompletableFuture<Void> uploads = CompletableFuture.runAsync(() -> {
            try (S3Client client = s3.newClient()) {
                for (int i = 3; i < 8; i++) {
                    put(client, objects, "2026/mail-" + i + ".eml");
                }
            }
        });
        int restCalls = 0;
        while (!uploads.isDone() || restCalls < 5) {
            assertThat(rest.status("s3-keys").isRunning(1)).isTrue();
            assertThat(rest.connectorConfig("s3-keys")).containsEntry("s3.bucket", BUCKET);
            restCalls++;
        }
        uploads.get();
        awaitRecords(objects);
        assertThat(rest.isHealthy()).isTrue();
    }

    private static void put(final S3Client client, final Map<String, String> objects, final String key) {
        final String body = "Subject: " + key + "\r\n\r\nhello\r\n";
        client.putObject(
                r -> r.bucket(BUCKET).key(key).contentType("message/rfc822"),
                RequestBody.fromString(body, StandardCharsets.US_ASCII));
        synchronized (objects) {
            objects.put(key, body);
        }
    }

    private static void awaitRecords(final Map<String, String> objects) {
        final Map<String, String> expected;
        synchronized (objects) {
            expected = Map.copyOf(objects);
        }
        await().atMost(TIMEOUT).pollInterval(Duration.ofMillis(250)).untilAsserted(() -> {
            final List<ConsumerRecord<String, String>> records = KafkaRecords.readAll(kafka.bootstrapServers(), TOPIC);
            assertThat(records.stream().collect(Collectors.toMap(ConsumerRecord::key, ConsumerRecord::value)))
                    .isEqualTo(expected);
        });
    }
}
