package io.mailroute.embedded;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.mailroute.s3.SqsClients;
import java.time.Duration;
import java.util.List;
import org.junit.jupiter.api.Test;
import software.amazon.awssdk.core.sync.RequestBody;
import software.amazon.awssdk.services.s3.S3Client;
import software.amazon.awssdk.services.sqs.SqsClient;
import software.amazon.awssdk.services.sqs.model.Message;

/** ElasticMQ in this JVM, and S3Proxy sending it an ObjectCreated notification for every PUT. */
class EmbeddedSqsIT {
    private static final ObjectMapper JSON = new ObjectMapper();

    @Test
    void everyPutIsNotifiedAsS3Would() throws Exception {
        try (EmbeddedSqs sqs = EmbeddedSqs.builder().start()) {
            final String queue = sqs.createQueue("mail-inbound", Duration.ofSeconds(5));
            assertThat(queue).startsWith(sqs.endpoint().toString()).endsWith("/mail-inbound");
            try (EmbeddedS3 s3 = EmbeddedS3.builder()
                            .objectCreatedListener(sqs.notifier(queue))
                            .start();
                    S3Client client = s3.newClient();
                    SqsClient consumer = SqsClients.create(sqs.settings(queue, s3.settings()))) {
                s3.createBucket("mail-inbound");
                client.putObject(
                        b -> b.bucket("mail-inbound").key("incoming/a mail+1"),
                        RequestBody.fromString("Subject: x\r\n"));
                client.putObject(b -> b.bucket("mail-inbound").key("incoming/b"), RequestBody.fromString("y"));

                final List<Message> messages = consumer.receiveMessage(
                                b -> b.queueUrl(queue).maxNumberOfMessages(10).waitTimeSeconds(5))
                        .messages();

                assertThat(messages).hasSize(2);
                final JsonNode first =
                        JSON.readTree(messages.get(0).body()).path("Records").get(0);
                assertThat(first.path("eventSource").asText()).isEqualTo("aws:s3");
                assertThat(first.path("eventName").asText()).isEqualTo("ObjectCreated:Put");
                assertThat(first.at("/s3/bucket/name").asText()).isEqualTo("mail-inbound");
                assertThat(first.at("/s3/object/key").asText()).isEqualTo("incoming/a+mail%2B1");
                assertThat(first.at("/s3/object/size").asLong()).isEqualTo(12);
                assertThat(first.at("/s3/object/eTag").asText()).hasSize(32).doesNotContain("\"");
                final JsonNode second =
                        JSON.readTree(messages.get(1).body()).path("Records").get(0);
                assertThat(second.at("/s3/object/sequencer").asText())
                        .isGreaterThan(first.at("/s3/object/sequencer").asText());
            }
        }
    }
}
