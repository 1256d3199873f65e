package io.mailroute.topology.errors;

import io.mailroute.topology.naming.Node;
import java.util.List;
import java.util.Map;
import org.apache.kafka.streams.errors.ErrorHandlerContext;
import org.apache.kafka.streams.errors.ProcessingExceptionHandler;
import org.apache.kafka.streams.processor.api.Record;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The safety net behind the typed stage results: a record whose processing still throws becomes a
 * {@link io.mailroute.avro.DeadLetter} in {@code mail.dlq} (in the same transaction) and the stream
 * thread goes on with the next record. Global store updates cannot write DLQ records: a failing
 * account or rule record is skipped with a warning.
 */
public final class MailProcessingExceptionHandler implements ProcessingExceptionHandler {
    private static final Logger log = LoggerFactory.getLogger(MailProcessingExceptionHandler.class);

    private DeadLetterRecords deadLetters;

    @Override
    public void configure(final Map<String, ?> configs) {
        deadLetters = DeadLetterRecords.configure(configs);
    }

    @Override
    public Response handleError(
            final ErrorHandlerContext context, final Record<?, ?> record, final Exception exception) {
        if (Node.isGlobal(context.processorNodeId())) {
            log.warn(
                    "Skipping {} of {}: {} failed: {}",
                    record.key(),
                    context.topic(),
                    context.processorNodeId(),
                    exception.toString());
            return Response.resume();
        }
        log.warn(
                "Processing of {} failed in {}; sending it to {}: {}",
                record.key(),
                context.processorNodeId(),
                deadLetters.topic(),
                exception.toString());
        return Response.resume(List.of(deadLetters.record(
                context, record.key(), record.value(), Node.stageOf(context.processorNodeId()), exception)));
    }
}
