package io.mailroute.topology.errors;

import io.mailroute.avro.Stage;
import java.util.List;
import java.util.Map;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.errors.RetriableException;
import org.apache.kafka.streams.errors.ErrorHandlerContext;
import org.apache.kafka.streams.errors.ProductionExceptionHandler;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * A record that cannot be written (too large, unserializable) is replaced by a
 * {@link io.mailroute.avro.DeadLetter} of stage ROUTE and processing goes on; retriable send
 * errors are retried. A DLQ record that itself cannot be written fails the task rather than loop.
 */
public final class MailProductionExceptionHandler implements ProductionExceptionHandler {
    private static final Logger log = LoggerFactory.getLogger(MailProductionExceptionHandler.class);

    private DeadLetterRecords deadLetters;

    @Override
    public void configure(final Map<String, ?> configs) {
        deadLetters = DeadLetterRecords.configure(configs);
    }

    @Override
    public Response handleError(
            final ErrorHandlerContext context, final ProducerRecord<byte[], byte[]> record, final Exception exception) {
        if (exception instanceof RetriableException) {
            return Response.retry();
        }
        return replace(context, record.topic(), record.key(), exception);
    }

    @Override
    @SuppressWarnings("rawtypes")
    public Response handleSerializationError(
            final ErrorHandlerContext context,
            final ProducerRecord record,
            final Exception exception,
            final SerializationExceptionOrigin origin) {
        return replace(context, record.topic(), record.key(), exception);
    }

    private Response replace(
            final ErrorHandlerContext context, final String topic, final Object key, final Exception exception) {
        if (deadLetters.topic().equals(topic)) {
            log.error("Cannot write to the dead letter topic {}: {}", topic, exception.toString());
            return Response.fail();
        }
        log.warn(
                "Cannot write {} to {}; sending a dead letter to {}: {}",
                key instanceof byte[] ? "a record" : key,
                topic,
                deadLetters.topic(),
                exception.toString());
        return Response.resume(List.of(deadLetters.record(context, key, null, Stage.ROUTE, exception)));
    }
}
