package io.mailroute.topology.pipeline;

import io.mailroute.avro.RawMail;
import io.mailroute.avro.RawRef;
import io.mailroute.topology.attempt.MailAttempt;
import org.apache.kafka.streams.processor.api.FixedKeyProcessor;
import org.apache.kafka.streams.processor.api.FixedKeyProcessorContext;
import org.apache.kafka.streams.processor.api.FixedKeyRecord;
import org.apache.kafka.streams.processor.api.RecordMetadata;
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
        final RecordMetadata source = context.recordMetadata().orElse(null);
        final RawRef ref = source == null
                ? MailAttempt.refOf(mail, null, null, null)
                : MailAttempt.refOf(mail, source.topic(), source.partition(), source.offset());
        context.forward(record.withValue(new MailAttempt(mail, ref, null)));
    }
}
