package io.mailroute.topology.errors;

import io.mailroute.avro.Stage;
import java.util.List;
import java.util.Map;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.streams.errors.DeserializationExceptionHandler;
import org.apache.kafka.streams.errors.ErrorHandlerContext;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * A record that cannot be read (not Avro in the wire format, unknown schema id) becomes a
 * {@link io.mailroute.avro.DeadLetter} of stage INGEST referencing the record's coordinates, size
 * and hash; processing goes on. Unreadable account or rule records are skipped with a warning
 * (global stores cannot send DLQ records).
 */
public final class MailDeserializationExceptionHandler implements DeserializationExceptionHandler {
    private static final Logger log = LoggerFactory.getLogger(MailDeserializationExceptionHandler.class);

    private DeadLetterRecords deadLetters;

    @Override
    public void configure(final Map<String, ?> configs) {
        deadLetters = DeadLetterRecords.configure(configs);
    }

    @Override
    public Response handleError(
            final ErrorHandlerContext context, final ConsumerRecord<byte[], byte[]> record, final Exception exception) {
        if (deadLetters.isGlobal(record.topic())) {
            log.warn(
                    "Skipping unreadable record {}-{}@{}: {}",
                    record.topic(),
                    record.partition(),
                    record.offset(),
                    exception.toString());
            return Response.resume();
        }
        log.warn(
                "Cannot read record {}-{}@{}; sending it to {}: {}",
                record.topic(),
                record.partition(),
                record.offset(),
                deadLetters.topic(),
                exception.toString());
        return Response.resume(List.of(deadLetters.record(context, record.key(), null, Stage.INGEST, exception)));
    }
}
