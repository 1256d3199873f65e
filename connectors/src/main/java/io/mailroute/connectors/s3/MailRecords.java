package io.mailroute.connectors.s3;

import io.mailroute.avro.DeadLetter;
import io.mailroute.avro.RawMail;
import io.mailroute.avro.RawRef;
import io.mailroute.avro.Stage;
import io.mailroute.avro.Storage;
import io.mailroute.connectors.common.AvroValueEncoder;
import io.mailroute.connectors.s3.ObjectOffset.Outcome;
import io.mailroute.connectors.s3.S3Objects.Copy;
import io.mailroute.s3.ClaimCheck;
import io.mailroute.s3.ClaimChecks.CheckedObject;
import java.nio.ByteBuffer;
import java.time.Instant;
import org.apache.kafka.connect.data.Schema;
import org.apache.kafka.connect.source.SourceRecord;

/**
 * Turns objects into source records: a {@code RawMail} per mail on the mail topic, a
 * {@code DeadLetter} (stage INGEST) per unreadable object on the dead-letter topic. Both are keyed
 * by the object key, carry the object's partition and offset, and are timestamped with the
 * ingestion time (not the object's age, so that retention does not drop a backlog at once).
 */
final class MailRecords {
    private final String topic;
    private final String dlqTopic;
    private final AvroValueEncoder encoder;

    MailRecords(final String topic, final String dlqTopic, final AvroValueEncoder encoder) {
        this.topic = topic;
        this.dlqTopic = dlqTopic;
        this.encoder = encoder;
    }

    /**
     * The record of the mail read from {@code source} as {@code version}: its claim check names
     * where the bytes stay ({@code location}) and what they are (size and SHA-256 as read).
     */
    SourceRecord rawMail(
            final ObjectRef source,
            final ObjectVersion version,
            final CheckedObject mail,
            final Copy location,
            final Instant ingestedAt) {
        final ClaimCheck check = new ClaimCheck(
                location.ref().bucket(),
                location.ref().key(),
                location.versionId(),
                location.etag(),
                mail.check().size(),
                mail.check().sha256());
        final RawMail value = RawMail.newBuilder()
                .setMailId(source.key())
                .setBucket(check.bucket())
                .setKey(check.key())
                .setVersionId(check.versionId())
                .setEtag(check.etag())
                .setSize(check.size())
                .setSha256(check.sha256())
                .setReceivedAt(version.lastModified())
                .setIngestedAt(ingestedAt)
                .setStorage(mail.hasContent() ? Storage.INLINE : Storage.CLAIM_CHECK)
                .setContent(mail.hasContent() ? ByteBuffer.wrap(mail.content()) : null)
                .build();
        return record(
                source, ObjectOffset.of(version, Outcome.INGESTED), topic, encoder.encode(topic, value), ingestedAt);
    }

    /** The record of an object that cannot be read; {@code location} is where its bytes are now. */
    SourceRecord deadLetter(
            final ObjectRef source,
            final ObjectVersion version,
            final AfterReadActions.Quarantine quarantine,
            final String errorClass,
            final String message,
            final Instant failedAt) {
        final Copy location = quarantine.location();
        final DeadLetter value = DeadLetter.newBuilder()
                .setMailId(source.key())
                .setStage(Stage.INGEST)
                .setErrorClass(errorClass)
                .setMessage(message)
                .setAttempt(1)
                .setRaw(RawRef.newBuilder()
                        .setBucket(location.ref().bucket())
                        .setKey(location.ref().key())
                        .setVersionId(location.versionId())
                        .setEtag(location.etag())
                        .setSize(version.size())
                        .setSha256("")
                        .build())
                .setFailedAt(failedAt)
                .build();
        return record(
                source,
                ObjectOffset.of(version, quarantine.outcome()),
                dlqTopic,
                encoder.encode(dlqTopic, value),
                failedAt);
    }

    private static SourceRecord record(
            final ObjectRef source,
            final ObjectOffset offset,
            final String topic,
            final byte[] value,
            final Instant timestamp) {
        return new SourceRecord(
                ObjectOffset.partition(source),
                offset.toMap(),
                topic,
                null,
                Schema.STRING_SCHEMA,
                source.key(),
                Schema.BYTES_SCHEMA,
                value,
                timestamp.toEpochMilli());
    }
}
