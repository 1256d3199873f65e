package io.mailroute.topology.intake;

import io.mailroute.avro.RawMail;
import io.mailroute.topology.attempt.MailAttempt;
import org.apache.kafka.streams.processor.api.FixedKeyProcessor;
import org.apache.kafka.streams.processor.api.FixedKeyProcessorContext;
import org.apache.kafka.streams.processor.api.FixedKeyRecord;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Turns a flooder's mail from the overflow lane into its first {@link MailAttempt}, remembering
 * the mail.overflow record it came in. Dedup already happened before it was moved there, and the
 * move is part of the same transaction as the read of mail.raw.
 */
final class OverflowEntry implements FixedKeyProcessor<String, RawMail, MailAttempt> {
    private static final Logger log = LoggerFactory.getLogger(OverflowEntry.class);

    private FixedKeyProcessorContext<String, MailAttempt> context;

    @Override
    public void init(final FixedKeyProcessorContext<String, MailAttempt> context) {
        this.context = context;
    }

    @Override
    public void process(final FixedKeyRecord<String, RawMail> record) {
        final RawMail mail = record.value();
        if (mail == null) {
            log.debug("Skipping a mail.overflow tombstone for {}", record.key());
            return;
        }
        context.forward(record.withValue(MailAttempt.first(mail, context.recordMetadata())));
    }
}
