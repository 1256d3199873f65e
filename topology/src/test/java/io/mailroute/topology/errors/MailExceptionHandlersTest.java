package io.mailroute.topology.errors;

import static org.assertj.core.api.Assertions.assertThat;

import io.mailroute.avro.DeadLetter;
import io.mailroute.avro.RawMail;
import io.mailroute.avro.Stage;
import io.mailroute.avro.Storage;
import io.mailroute.schemas.registry.SchemaRegistryClients;
import io.mailroute.schemas.serde.AvroSerdes;
import io.mailroute.topology.attempt.MailAttempt;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.Map;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.errors.RecordTooLargeException;
import org.apache.kafka.common.errors.SerializationException;
import org.apache.kafka.common.errors.TimeoutException;
import org.apache.kafka.common.header.Headers;
import org.apache.kafka.common.header.internals.RecordHeaders;
import org.apache.kafka.common.serialization.Deserializer;
import org.apache.kafka.streams.errors.DeserializationExceptionHandler;
import org.apache.kafka.streams.errors.ErrorHandlerContext;
import org.apache.kafka.streams.errors.ProcessingExceptionHandler;
import org.apache.kafka.streams.errors.ProductionExceptionHandler;
import org.apache.kafka.streams.processor.TaskId;
import org.apache.kafka.streams.processor.api.Record;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

class MailExceptionHandlersTest {
    private static final String SCOPE = "MailExceptionHandlersTest";
    private static final Map<String, Object> CONFIG = Map.of("schema.registry.url", "mock://" + SCOPE);

    private Deserializer<DeadLetter> deadLetters;

    @BeforeEach
    void setUp() {
        deadLetters = AvroSerdes.specific(DeadLetter.class, SchemaRegistryClients.fromConfig(CONFIG), CONFIG)
                .deserializer();
    }

    @AfterEach
    void dropRegistry() {
        SchemaRegistryClients.dropScope(SCOPE);
    }

    @Test
    void shouldTurnAnUnreadableRawRecordIntoADeadLetterOfStageIngest() {
        // given
        final MailDeserializationExceptionHandler handler = new MailDeserializationExceptionHandler();
        handler.configure(CONFIG);
        final byte[] value = "not avro".getBytes(StandardCharsets.UTF_8);
        final ConsumerRecord<byte[], byte[]> record = new ConsumerRecord<>("mail.raw", 2, 41L, utf8("broken"), value);

        // when
        final DeserializationExceptionHandler.Response response = handler.handleError(
                context("mail.raw", "mail-raw-source", value),
                record,
                new SerializationException("Record on mail.raw does not start with the Confluent magic byte"));

        // then
        assertThat(response.result()).isEqualTo(DeserializationExceptionHandler.Result.RESUME);
        assertThat(response.deadLetterQueueRecords()).hasSize(1);
        final ProducerRecord<byte[], byte[]> dlq =
                response.deadLetterQueueRecords().get(0);
        assertThat(dlq.topic()).isEqualTo("mail.dlq");
        assertThat(new String(dlq.key(), StandardCharsets.UTF_8)).isEqualTo("broken");
        final DeadLetter letter = deadLetters.deserialize("mail.dlq", dlq.value());
        assertThat(letter.getStage()).isEqualTo(Stage.INGEST);
        assertThat(letter.getErrorClass()).isEqualTo(SerializationException.class.getName());
        assertThat(letter.getMessage()).contains("magic byte");
        assertThat(letter.getRaw().getSize()).isEqualTo(value.length);
        assertThat(letter.getOriginalTopic()).isEqualTo("mail.raw");
        assertThat(letter.getOriginalPartition()).isEqualTo(2);
        assertThat(letter.getOriginalOffset()).isEqualTo(41L);
        assertThat(dlq.headers().lastHeader(DeadLetterRecords.HEADER_EXCEPTION)).isNotNull();
    }

    @ParameterizedTest
    @CsvSource({
        "mail.accounts, index-owners",
        "mail.rules, update-rules",
        "mail.alerts, track-floods",
        "mail.contacts, update-contacts"
    })
    void shouldSkipAnUnreadableRecordOfAGlobalStoreWithoutADeadLetter(final String topic, final String processor) {
        // given: global stores cannot send DLQ records
        final MailDeserializationExceptionHandler handler = new MailDeserializationExceptionHandler();
        handler.configure(CONFIG);
        final ConsumerRecord<byte[], byte[]> record = new ConsumerRecord<>(topic, 0, 7L, utf8("123"), utf8("x"));

        // when
        final DeserializationExceptionHandler.Response response =
                handler.handleError(context(topic, processor, null), record, new SerializationException("bad"));

        // then
        assertThat(response.result()).isEqualTo(DeserializationExceptionHandler.Result.RESUME);
        assertThat(response.deadLetterQueueRecords()).isEmpty();
    }

    @Test
    void shouldTurnAProcessingFailureIntoADeadLetterOfTheFailingStage() {
        // given
        final MailProcessingExceptionHandler handler = new MailProcessingExceptionHandler();
        handler.configure(CONFIG);
        final RawMail mail = RawMail.newBuilder()
                .setMailId("m-1")
                .setBucket("mail-inbound")
                .setKey("m-1")
                .setSize(3)
                .setSha256("abc")
                .setReceivedAt(Instant.EPOCH)
                .setIngestedAt(Instant.EPOCH)
                .setStorage(Storage.INLINE)
                .setContent(ByteBuffer.wrap(new byte[3]))
                .build();
        final MailAttempt attempt = new MailAttempt(mail, MailAttempt.refOf(mail, "mail.raw", 0, 5L), null);

        // when
        final ProcessingExceptionHandler.Response response = handler.handleError(
                context("mail.raw", "parse-mail", null),
                new Record<>("m-1", attempt, 1_000L),
                new IllegalArgumentException("parser bug"));

        // then
        assertThat(response.result()).isEqualTo(ProcessingExceptionHandler.Result.RESUME);
        final DeadLetter letter = deadLetters.deserialize(
                "mail.dlq", response.deadLetterQueueRecords().get(0).value());
        assertThat(letter.getMailId()).isEqualTo("m-1");
        assertThat(letter.getStage()).isEqualTo(Stage.PARSE);
        assertThat(letter.getErrorClass()).isEqualTo(IllegalArgumentException.class.getName());
        assertThat(letter.getMessage()).isEqualTo("parser bug");
        assertThat(letter.getAttempt()).isEqualTo(1);
        assertThat(letter.getRaw().getOffset()).isEqualTo(5L);
    }

    @Test
    void shouldClipALongExceptionMessageAsTheStagesClipTheirs() {
        // given
        final MailProcessingExceptionHandler handler = new MailProcessingExceptionHandler();
        handler.configure(CONFIG);
        final String message = "x".repeat(5_000);

        // when
        final ProcessingExceptionHandler.Response response = handler.handleError(
                context("mail.raw", "parse-mail", null),
                new Record<>("m-1", null, 1_000L),
                new IllegalArgumentException(message));

        // then: the same clip as a stage's dead letter (Outcomes), in the record and its header
        final ProducerRecord<byte[], byte[]> dlq =
                response.deadLetterQueueRecords().get(0);
        final DeadLetter letter = deadLetters.deserialize("mail.dlq", dlq.value());
        assertThat(letter.getMessage()).isEqualTo("x".repeat(1_000) + "…");
        assertThat(new String(
                        dlq.headers()
                                .lastHeader(DeadLetterRecords.HEADER_MESSAGE)
                                .value(),
                        StandardCharsets.UTF_8))
                .isEqualTo(letter.getMessage());
    }

    @Test
    void shouldSkipAFailingGlobalStoreUpdateWithoutADeadLetter() {
        // given
        final MailProcessingExceptionHandler handler = new MailProcessingExceptionHandler();
        handler.configure(CONFIG);

        // when
        final ProcessingExceptionHandler.Response response = handler.handleError(
                context("mail.accounts", "index-owners", null),
                new Record<>("123456789012", null, 1_000L),
                new IllegalStateException("bug"));

        // then
        assertThat(response.result()).isEqualTo(ProcessingExceptionHandler.Result.RESUME);
        assertThat(response.deadLetterQueueRecords()).isEmpty();
    }

    @Test
    void shouldReplaceARecordThatCannotBeWrittenWithADeadLetter() {
        // given
        final MailProductionExceptionHandler handler = new MailProductionExceptionHandler();
        handler.configure(CONFIG);
        final ProducerRecord<byte[], byte[]> tooLarge = new ProducerRecord<>("mail.retry", utf8("m-1"), new byte[10]);

        // when
        final ProductionExceptionHandler.Response response = handler.handleError(
                context("mail.raw", "retry-sink", null), tooLarge, new RecordTooLargeException("too large"));

        // then
        assertThat(response.result()).isEqualTo(ProductionExceptionHandler.Result.RESUME);
        final DeadLetter letter = deadLetters.deserialize(
                "mail.dlq", response.deadLetterQueueRecords().get(0).value());
        assertThat(letter.getMailId()).isEqualTo("m-1");
        assertThat(letter.getStage()).isEqualTo(Stage.ROUTE);
        assertThat(letter.getErrorClass()).isEqualTo(RecordTooLargeException.class.getName());
    }

    @Test
    void shouldRetryRetriableSendErrorsAndFailWhenTheDlqItselfCannotBeWritten() {
        // given
        final MailProductionExceptionHandler handler = new MailProductionExceptionHandler();
        handler.configure(CONFIG);

        // when
        final ProductionExceptionHandler.Response retriable = handler.handleError(
                context("mail.raw", "notify-sink", null),
                new ProducerRecord<>("mail.notify", utf8("k"), new byte[1]),
                new TimeoutException("slow"));
        final ProductionExceptionHandler.Response dlq = handler.handleError(
                context("mail.raw", "dlq-sink", null),
                new ProducerRecord<>("mail.dlq", utf8("k"), new byte[1]),
                new RecordTooLargeException("too large"));

        // then
        assertThat(retriable.result()).isEqualTo(ProductionExceptionHandler.Result.RETRY);
        assertThat(dlq.result()).isEqualTo(ProductionExceptionHandler.Result.FAIL);
    }

    private static byte[] utf8(final String text) {
        return text.getBytes(StandardCharsets.UTF_8);
    }

    private static ErrorHandlerContext context(final String topic, final String node, final byte[] value) {
        return new ErrorHandlerContext() {
            @Override
            public String topic() {
                return topic;
            }

            @Override
            public int partition() {
                return 2;
            }

            @Override
            public long offset() {
                return 41L;
            }

            @Override
            public Headers headers() {
                return new RecordHeaders();
            }

            @Override
            public String processorNodeId() {
                return node;
            }

            @Override
            public TaskId taskId() {
                return new TaskId(2, 2);
            }

            @Override
            public long timestamp() {
                return 1_000L;
            }

            @Override
            public byte[] sourceRawKey() {
                return null;
            }

            @Override
            public byte[] sourceRawValue() {
                return value;
            }
        };
    }
}
