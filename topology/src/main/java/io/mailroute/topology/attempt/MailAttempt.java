package io.mailroute.topology.attempt;

import io.mailroute.avro.RawMail;
import io.mailroute.avro.RawRef;
import io.mailroute.avro.RetryMail;
import java.util.Optional;
import org.apache.kafka.streams.processor.api.RecordMetadata;

/**
 * One processing attempt of a mail: a new mail from {@code mail.raw} (after dedup), or a mail
 * released from {@code mail.retry}.
 *
 * @param mail     the raw mail (inline bytes or claim check)
 * @param ref      where the original is: S3 object and mail.raw record
 * @param previous the retry record that released it, or null for a first attempt
 */
public record MailAttempt(RawMail mail, RawRef ref, RetryMail previous) {

    public String mailId() {
        return mail.getMailId();
    }

    /** 1 for the first attempt, n + 1 after n failed ones. */
    public int number() {
        return previous == null ? 1 : previous.getAttempt() + 1;
    }

    /** The first attempt of a mail, read from the record {@code source} describes, when known. */
    public static MailAttempt first(final RawMail mail, final Optional<RecordMetadata> source) {
        final RawRef ref = source.map(s -> refOf(mail, s.topic(), s.partition(), s.offset()))
                .orElseGet(() -> refOf(mail, null, null, null));
        return new MailAttempt(mail, ref, null);
    }

    /** The reference to the raw mail given the mail.raw record it came in. */
    public static RawRef refOf(final RawMail mail, final String topic, final Integer partition, final Long offset) {
        return RawRef.newBuilder()
                .setBucket(mail.getBucket())
                .setKey(mail.getKey())
                .setVersionId(mail.getVersionId())
                .setEtag(mail.getEtag())
                .setSize(mail.getSize())
                .setSha256(mail.getSha256())
                .setTopic(topic)
                .setPartition(partition)
                .setOffset(offset)
                .build();
    }
}
