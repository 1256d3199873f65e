package io.mailroute.connectors.smtp;

import io.mailroute.avro.ClassifiedMail;
import io.mailroute.connectors.delivery.AvroRecordDecoder;
import io.mailroute.connectors.delivery.DeliveringSinkTask;
import io.mailroute.connectors.delivery.DeliveryLog;
import io.mailroute.connectors.delivery.KafkaDeliveryLog;
import io.mailroute.connectors.delivery.Retry;
import io.mailroute.connectors.delivery.Undeliverable;
import io.mailroute.s3.ClaimChecks;
import io.mailroute.s3.S3Clients;
import java.util.Map;
import org.apache.kafka.common.utils.Time;
import org.apache.kafka.connect.sink.SinkRecord;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import software.amazon.awssdk.services.s3.S3Client;

/**
 * Sends one notice per {@code mail.notify} record. It only wires the collaborators:
 * {@link SmtpSender} (Jakarta Mail, failures classified once), {@link NoticeTemplates} and
 * {@link NoticeComposer} (the message), {@link OriginalMails} (the attachment, from S3 by claim
 * check, or from the inline {@code mail.raw} record when S3 no longer has it), driven by
 * {@link NoticeDeliverer}; the task loop, retries and dead letters are {@link DeliveringSinkTask}'s.
 */
public final class SmtpSinkTask extends DeliveringSinkTask {
    private static final Logger log = LoggerFactory.getLogger(SmtpSinkTask.class);

    private AvroRecordDecoder<ClassifiedMail> notices;
    private NoticeDeliverer deliverer;

    public SmtpSinkTask() {
        this(KafkaDeliveryLog.factory("smtp"));
    }

    SmtpSinkTask(final DeliveryLog.Factory deliveryLogs) {
        super(deliveryLogs, Time.SYSTEM);
    }

    @Override
    protected void open(final Map<String, String> props) {
        final SmtpSinkConfig config = new SmtpSinkConfig(props);
        final SmtpSender sender = new SmtpSender(config);
        final NoticeComposer composer = new NoticeComposer(
                config, new NoticeTemplates(config.templatesDir(), config.defaultLocale()), sender.session());
        final OriginalMails originals;
        if (config.attachOriginal()) {
            final S3Client s3 = closeOnStop(S3Clients.create(config.s3()));
            final RawRecordReader rawRecords = closeOnStop(new RawRecordReader(
                    config.deliveries().clientConfig(),
                    props,
                    "mailroute-smtp-raw-" + props.getOrDefault("name", "sink")));
            originals = new OriginalMails(new ClaimChecks(s3), rawRecords, config.attachMaxBytes());
        } else {
            originals = OriginalMails.none();
        }
        notices = closeOnStop(new AvroRecordDecoder<>(ClassifiedMail.class, props));
        deliverer = new NoticeDeliverer(composer, sender, originals, openDeliveries(config.deliveries(), props));
        log.info(
                "SMTP sink task sends notices via {}:{} ({}) from {}, outcomes on {}, dead letters {}",
                config.host(),
                config.port(),
                config.security(),
                config.fromDefault(),
                config.deliveries().topic(),
                deadLetters());
    }

    @Override
    protected void deliver(final SinkRecord record) throws Retry, Undeliverable {
        final ClassifiedMail mail = notices.decode(record);
        if (mail != null) {
            deliverer.deliver(mail);
        }
    }
}
