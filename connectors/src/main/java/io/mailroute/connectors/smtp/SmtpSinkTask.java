package io.mailroute.connectors.smtp;

import io.mailroute.avro.ClassifiedMail;
import io.mailroute.connectors.common.ConnectorVersion;
import io.mailroute.connectors.common.RegistryConfig;
import io.mailroute.connectors.delivery.DeliveryAttempts;
import io.mailroute.connectors.delivery.DeliveryLog;
import io.mailroute.connectors.delivery.KafkaDeliveryLog;
import io.mailroute.connectors.delivery.Retry;
import io.mailroute.connectors.delivery.Undeliverable;
import io.mailroute.s3.ClaimChecks;
import io.mailroute.s3.S3Clients;
import io.mailroute.schemas.serde.AvroDeserializer;
import java.util.Collection;
import java.util.Map;
import java.util.function.BiFunction;
import org.apache.kafka.clients.consumer.OffsetAndMetadata;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.errors.SerializationException;
import org.apache.kafka.common.utils.Time;
import org.apache.kafka.connect.errors.DataException;
import org.apache.kafka.connect.errors.RetriableException;
import org.apache.kafka.connect.sink.ErrantRecordReporter;
import org.apache.kafka.connect.sink.SinkRecord;
import org.apache.kafka.connect.sink.SinkTask;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import software.amazon.awssdk.services.s3.S3Client;

/**
 * Sends one notice per {@code mail.notify} record. It only wires the collaborators:
 * {@link SmtpSender} (Jakarta Mail, failures classified once), {@link NoticeTemplates} and
 * {@link NoticeComposer} (the message), {@link OriginalMails} (the attachment, from S3 by claim
 * check, or from the inline {@code mail.raw} record when S3 no longer has it) and {@link DeliveryLog} (outcomes on {@code mail.deliveries}, read at start so that nothing
 * is sent twice), driven by {@link NoticeDeliverer}.
 *
 * <p>A transient failure pauses the batch ({@code context.timeout} with the backoff, then
 * {@link RetriableException}): the worker hands the same records again, and those delivered
 * meanwhile are skipped by the delivery log. A notice that cannot be delivered goes to the errant
 * record reporter (Connect's dead-letter queue with {@code errors.tolerance=all} and
 * {@code errors.deadletterqueue.topic.name}); without one it is only recorded FAILED.
 */
public final class SmtpSinkTask extends SinkTask {
    private static final Logger log = LoggerFactory.getLogger(SmtpSinkTask.class);

    private final BiFunction<SmtpSinkConfig, Map<String, String>, DeliveryLog> deliveryLogFactory;
    private DeliveryLog deliveries;
    private S3Client s3;
    private RawRecordReader rawRecords;
    private AvroDeserializer<ClassifiedMail> deserializer;
    private NoticeDeliverer deliverer;
    private ErrantRecordReporter reporter;

    public SmtpSinkTask() {
        this((config, props) -> new KafkaDeliveryLog(
                config.deliveries().topic(),
                config.deliveries().clientConfig(),
                props,
                "mailroute-smtp-" + props.getOrDefault("name", "sink")));
    }

    SmtpSinkTask(final BiFunction<SmtpSinkConfig, Map<String, String>, DeliveryLog> deliveryLogFactory) {
        this.deliveryLogFactory = deliveryLogFactory;
    }

    @Override
    public String version() {
        return ConnectorVersion.get();
    }

    @Override
    public void start(final Map<String, String> props) {
        final SmtpSinkConfig config = new SmtpSinkConfig(props);
        final SmtpSender sender = new SmtpSender(config);
        final NoticeComposer composer = new NoticeComposer(
                config, new NoticeTemplates(config.templatesDir(), config.defaultLocale()), sender.session());
        final OriginalMails originals;
        if (config.attachOriginal()) {
            s3 = S3Clients.create(config.s3());
            rawRecords = new RawRecordReader(
                    config.deliveries().clientConfig(),
                    props,
                    "mailroute-smtp-raw-" + props.getOrDefault("name", "sink"));
            originals = new OriginalMails(new ClaimChecks(s3), rawRecords, config.attachMaxBytes());
        } else {
            originals = OriginalMails.none();
        }
        deserializer = new AvroDeserializer<>(null, ClassifiedMail.class);
        deserializer.configure(RegistryConfig.serdeProperties(props), false);
        deliveries = deliveryLogFactory.apply(config, props);
        deliverer = new NoticeDeliverer(
                composer,
                sender,
                originals,
                new DeliveryAttempts(deliveries, config.deliveries().retryPolicy(), Time.SYSTEM));
        reporter = errantRecordReporter();
        log.info(
                "SMTP sink task sends notices via {}:{} ({}) from {}, outcomes on {}, dead letters {}",
                config.host(),
                config.port(),
                config.security(),
                config.fromDefault(),
                config.deliveries().topic(),
                reporter == null ? "only recorded (errors.tolerance=none)" : "reported");
    }

    private ErrantRecordReporter errantRecordReporter() {
        try {
            return context.errantRecordReporter();
        } catch (NoSuchMethodError | NoClassDefFoundError e) {
            return null;
        }
    }

    @Override
    public void put(final Collection<SinkRecord> records) {
        for (final SinkRecord record : records) {
            final ClassifiedMail mail;
            try {
                mail = decode(record);
            } catch (DataException e) {
                if (reporter == null) {
                    throw e;
                }
                reporter.report(record, e);
                continue;
            }
            if (mail == null) {
                continue;
            }
            try {
                deliverer.deliver(mail);
            } catch (Retry e) {
                context.timeout(e.backoff().toMillis());
                throw new RetriableException(e.getMessage(), e);
            } catch (Undeliverable e) {
                if (reporter != null) {
                    reporter.report(record, e);
                } else {
                    log.error(
                            "Notice for {} at {}-{}@{} dropped (no dead-letter queue configured): {}",
                            record.key(),
                            record.topic(),
                            record.kafkaPartition(),
                            record.kafkaOffset(),
                            e.getMessage());
                }
            }
        }
    }

    private ClassifiedMail decode(final SinkRecord record) {
        if (record.value() == null) {
            return null;
        }
        if (!(record.value() instanceof byte[] bytes)) {
            throw new DataException("Expected the Avro bytes of a ClassifiedMail (value.converter="
                    + RegistryConfig.REQUIRED_VALUE_CONVERTER + "), found "
                    + record.value().getClass().getName());
        }
        try {
            return deserializer.deserialize(record.topic(), bytes);
        } catch (SerializationException e) {
            throw new DataException(
                    "Cannot read the ClassifiedMail at " + record.topic() + "-" + record.kafkaPartition() + "@"
                            + record.kafkaOffset() + ": " + e.getMessage(),
                    e);
        }
    }

    /** Outcomes recorded so far are acknowledged before the worker commits the notify offsets. */
    @Override
    public Map<TopicPartition, OffsetAndMetadata> preCommit(final Map<TopicPartition, OffsetAndMetadata> offsets) {
        if (deliveries != null) {
            deliveries.flush();
        }
        return offsets;
    }

    @Override
    public void stop() {
        try {
            if (deliveries != null) {
                deliveries.close();
            }
        } finally {
            if (s3 != null) {
                s3.close();
            }
            if (rawRecords != null) {
                rawRecords.close();
            }
            if (deserializer != null) {
                deserializer.close();
            }
        }
    }
}
