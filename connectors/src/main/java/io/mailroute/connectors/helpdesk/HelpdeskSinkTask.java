package io.mailroute.connectors.helpdesk;

import io.mailroute.avro.ClassifiedMail;
import io.mailroute.connectors.delivery.AvroRecordDecoder;
import io.mailroute.connectors.delivery.DeliveringSinkTask;
import io.mailroute.connectors.delivery.DeliveryLog;
import io.mailroute.connectors.delivery.KafkaDeliveryLog;
import io.mailroute.connectors.delivery.Retry;
import io.mailroute.connectors.delivery.Undeliverable;
import io.mailroute.connectors.helpdesk.HelpdeskSinkConfig.Kind;
import io.mailroute.connectors.http.HttpPoster;
import java.util.Locale;
import java.util.Map;
import org.apache.kafka.common.utils.Time;
import org.apache.kafka.connect.sink.SinkRecord;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Applies {@code mail.ticket} to Zendesk or Backlog ({@code helpdesk.kind}). It only wires the
 * collaborators: {@link HttpPoster} (the JDK's HTTP client, failures classified once),
 * {@link ZendeskHelpdesk} or {@link BacklogHelpdesk} (the API subset, ticket found by its key
 * before anything is created), driven by {@link HelpdeskDeliverer}; the task loop, retries and
 * dead letters are {@link DeliveringSinkTask}'s.
 */
public final class HelpdeskSinkTask extends DeliveringSinkTask {
    private static final Logger log = LoggerFactory.getLogger(HelpdeskSinkTask.class);

    private AvroRecordDecoder<ClassifiedMail> tickets;
    private HelpdeskDeliverer deliverer;

    public HelpdeskSinkTask() {
        this(KafkaDeliveryLog.factory("helpdesk"), Time.SYSTEM);
    }

    HelpdeskSinkTask(final DeliveryLog.Factory deliveryLogs, final Time time) {
        super(deliveryLogs, time);
    }

    @Override
    protected void open(final Map<String, String> props) {
        final HelpdeskSinkConfig config = new HelpdeskSinkConfig(props);
        final HttpPoster http = config.http().poster();
        final Helpdesk helpdesk = config.kind() == Kind.ZENDESK
                ? new ZendeskHelpdesk(config.url(), config.email(), config.token(), http)
                : new BacklogHelpdesk(config, http);
        deliverer =
                new HelpdeskDeliverer(helpdesk, config.url().toString(), openDeliveries(config.deliveries(), props));
        tickets = closeOnStop(new AvroRecordDecoder<>(ClassifiedMail.class, props));
        log.info(
                "Helpdesk sink task applies tickets to {} at {}, outcomes on {}, dead letters {}",
                config.kind().name().toLowerCase(Locale.ROOT),
                HttpPoster.where(config.url()),
                config.deliveries().topic(),
                deadLetters());
    }

    @Override
    protected void deliver(final SinkRecord record) throws Retry, Undeliverable {
        final ClassifiedMail mail = tickets.decode(record);
        if (mail != null) {
            deliverer.deliver(mail);
        }
    }
}
