package io.mailroute.topology.intake;

import io.mailroute.avro.RawMail;
import io.mailroute.topology.attempt.MailAttempt;
import java.time.Duration;
import org.apache.kafka.streams.processor.api.FixedKeyProcessor;
import org.apache.kafka.streams.processor.api.FixedKeyProcessorContext;
import org.apache.kafka.streams.processor.api.FixedKeyRecord;
import org.apache.kafka.streams.state.WindowStore;
import org.apache.kafka.streams.state.WindowStoreIterator;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Drops re-deliveries of a mail: a mail id with its re-publication attempt seen within the dedup
 * window (measured on the S3 arrival time, which a re-delivery repeats) is passed on only once.
 * An operator's re-publication from the DLQ carries a higher attempt and so is processed again.
 * Turns each new mail into its first {@link MailAttempt}, remembering the mail.raw record it came in.
 */
final class DedupProcessor implements FixedKeyProcessor<String, RawMail, MailAttempt> {
    private static final Logger log = LoggerFactory.getLogger(DedupProcessor.class);

    private final String storeName;
    private final Duration window;
    private FixedKeyProcessorContext<String, MailAttempt> context;
    private WindowStore<String, Long> seen;

    DedupProcessor(final String storeName, final Duration window) {
        this.storeName = storeName;
        this.window = window;
    }

    @Override
    public void init(final FixedKeyProcessorContext<String, MailAttempt> context) {
        this.context = context;
        this.seen = context.getStateStore(storeName);
    }

    @Override
    public void process(final FixedKeyRecord<String, RawMail> record) {
        final RawMail mail = record.value();
        if (mail == null) {
            log.debug("Skipping a mail.raw tombstone for {}", record.key());
            return;
        }
        final String key = mail.getMailId() + "#" + mail.getAttempt();
        final long arrived = mail.getReceivedAt().toEpochMilli();
        try (WindowStoreIterator<Long> earlier =
                seen.fetch(key, arrived - window.toMillis(), arrived + window.toMillis())) {
            if (earlier.hasNext()) {
                log.debug("Dropping re-delivered mail {} (attempt {})", mail.getMailId(), mail.getAttempt());
                return;
            }
        }
        seen.put(key, context.currentSystemTimeMs(), arrived);
        context.forward(record.withValue(MailAttempt.first(mail, context.recordMetadata())));
    }
}
