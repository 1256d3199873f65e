package io.mailroute.connectors.smtp;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.mailroute.avro.ClassifiedMail;
import io.mailroute.avro.DeliveryChannel;
import io.mailroute.avro.DeliveryOutcome;
import io.mailroute.connectors.delivery.DeliveryLog;
import io.mailroute.connectors.delivery.InMemoryDeliveryLog;
import io.mailroute.connectors.delivery.InMemorySchemaRegistry;
import io.mailroute.connectors.delivery.RecordingSinkTaskContext;
import java.time.Duration;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.apache.kafka.connect.errors.DataException;
import org.apache.kafka.connect.errors.RetriableException;
import org.apache.kafka.connect.sink.SinkRecord;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/**
 * The task's wiring with the worker: Avro values decoded, a transient failure pauses the batch
 * with the backoff and raises {@link RetriableException}, a permanent one goes to the errant record
 * reporter (Connect's dead-letter queue), and an unreadable value too.
 */
class SmtpSinkTaskTest {
    private static final String TOPIC = "mail.notify";

    @RegisterExtension
    static final InMemorySchemaRegistry REGISTRY = new InMemorySchemaRegistry();

    private static SinkRecord record(final long offset, final Object value) {
        return new SinkRecord(TOPIC, 0, null, "o", null, value, offset);
    }

    private static SinkRecord record(final long offset, final ClassifiedMail mail) {
        return record(offset, REGISTRY.serialize(TOPIC, mail));
    }

    private static Map<String, String> props(final int port) {
        return SmtpSinkConfig.setter(new HashMap<>())
                .smtp("127.0.0.1", port)
                .security(SmtpSinkConfig.Security.NONE)
                .from("no-reply@mailroute.example", "support@mailroute.example")
                .deliveries("127.0.0.1:9", "mail.deliveries")
                .registryUrl(REGISTRY.url())
                .attachOriginal(false)
                .retries(3, Duration.ofMillis(250), Duration.ofSeconds(1))
                .props();
    }

    @Test
    void shouldPauseWithTheBackoffOn4xxAndDeadLetter5xxThroughTheErrantRecordReporter() throws Exception {
        try (SmtpResponder responder = new SmtpResponder()) {
            // given
            final InMemoryDeliveryLog deliveries = new InMemoryDeliveryLog();
            final RecordingSinkTaskContext context = RecordingSinkTaskContext.withDeadLetterQueue();
            final SmtpSinkTask task = new SmtpSinkTask((config, props) -> deliveries);
            task.initialize(context);
            task.start(props(responder.port()));
            final ClassifiedMail ok = Notices.notice("m-ok", "o", "en", List.of("ops@owner.example"));
            final ClassifiedMail rejected = Notices.notice("m-rejected", "o", "en", List.of("ops@owner.example"));

            // when the server answers 4xx: the batch is paused with the backoff and handed again
            responder.dataReply("451 4.3.0 Try again later");
            final List<SinkRecord> batch =
                    List.of(record(0, ok), record(1, rejected), record(2, "not avro".getBytes()));
            assertThatThrownBy(() -> task.put(batch)).isInstanceOf(RetriableException.class);
            assertThat(context.timeouts).containsExactly(250L);

            // then, once it answers again, the first notice goes out, the 5xx and the unreadable value are dead letters
            responder.dataReply("250 2.0.0 Ok");
            task.put(List.of(batch.get(0)));
            responder.dataReply("554 5.7.1 Rejected");
            task.put(batch.subList(1, 3));
            task.preCommit(Map.of());
            task.stop();

            assertThat(responder.messages).hasValue(1);
            assertThat(deliveries
                            .latest(DeliveryLog.key("m-ok", "o", DeliveryChannel.SMTP))
                            .getOutcome())
                    .isEqualTo(DeliveryOutcome.DELIVERED);
            assertThat(deliveries
                            .latest(DeliveryLog.key("m-rejected", "o", DeliveryChannel.SMTP))
                            .getDetail())
                    .contains("554 5.7.1 Rejected");
            assertThat(context.reported)
                    .extracting(r -> r.record().kafkaOffset())
                    .containsExactly(1L, 2L);
            assertThat(context.reported.get(0).error()).hasMessageContaining("554 5.7.1 Rejected");
            assertThat(context.reported.get(1).error()).isInstanceOf(DataException.class);
        }
    }

    @Test
    void shouldFailOnAnUnreadableValueWithoutADeadLetterQueue() {
        final RecordingSinkTaskContext context = RecordingSinkTaskContext.withoutDeadLetterQueue();
        final SmtpSinkTask task = new SmtpSinkTask((config, props) -> new InMemoryDeliveryLog());
        task.initialize(context);
        task.start(props(9));

        assertThatThrownBy(() -> task.put(List.of(record(0, "not avro".getBytes()))))
                .isInstanceOf(DataException.class);
        task.stop();
    }
}
