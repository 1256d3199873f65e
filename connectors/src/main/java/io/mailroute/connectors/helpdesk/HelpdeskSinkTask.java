package io.mailroute.connectors.helpdesk;

import io.mailroute.avro.ClassifiedMail;
import io.mailroute.connectors.common.ConnectorVersion;
import io.mailroute.connectors.common.RegistryConfig;
import io.mailroute.connectors.delivery.DeliveryAttempts;
import io.mailroute.connectors.delivery.DeliveryLog;
import io.mailroute.connectors.delivery.KafkaDeliveryLog;
import io.mailroute.connectors.delivery.Retry;
import io.mailroute.connectors.delivery.Undeliverable;
import io.mailroute.connectors.helpdesk.HelpdeskSinkConfig.Kind;
import io.mailroute.connectors.http.HttpPoster;
import io.mailroute.schemas.serde.AvroDeserializer;
import java.util.Collection;
import java.util.Locale;
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

/**
 * Applies {@code mail.ticket} to Zendesk or Backlog ({@code helpdesk.kind}). It only wires the
 * collaborators: {@link HttpPoster} (the JDK's HTTP client, failures classified once),
 * {@link ZendeskHelpdesk} or {@link BacklogHelpdesk} (the API subset, ticket found by its key
 * before anything is created), and {@link DeliveryLog} (outcomes on {@code mail.deliveries}, read
 * at start so that nothing is applied twice), driven by {@link HelpdeskDeliverer}.
 *
 * <p>A transient failure pauses the batch ({@code context.timeout} with the backoff, then
 * {@link RetriableException}): the worker hands the same records again, and those delivered
 * meanwhile are skipped by the delivery log. A record that cannot be delivered goes to the errant
 * record reporter (Connect's dead-letter queue with {@code errors.tolerance=all} and
 * {@code errors.deadletterqueue.topic.name}); without one it is only recorded FAILED.
 */
public final class HelpdeskSinkTask extends SinkTask {
    private static final Logger log = LoggerFactory.getLogger(HelpdeskSinkTask.class);

    private final BiFunction<HelpdeskSinkConfig, Map<String, String>, DeliveryLog> deliveryLogFactory;
    private final Time time;
    private DeliveryLog deliveries;
    private AvroDeserializer<ClassifiedMail> tickets;
    private HelpdeskDeliverer deliverer;
    private ErrantRecordReporter reporter;

    public HelpdeskSinkTask() {
        this(
                (config, props) -> new KafkaDeliveryLog(
                        config.deliveries().topic(),
                        config.deliveries().clientConfig(),
                        props,
                        "mailroute-helpdesk-" + props.getOrDefault("name", "sink")),
                Time.SYSTEM);
    }

    HelpdeskSinkTask(
            final BiFunction<HelpdeskSinkConfig, Map<String, String>, DeliveryLog> deliveryLogFactory,
            final Time time) {
        this.deliveryLogFactory = deliveryLogFactory;
        this.time = time;
    }

    @Override
    public String version() {
        return ConnectorVersion.get();
    }

    @Override
    public void start(final Map<String, String> props) {
        final HelpdeskSinkConfig config = new HelpdeskSinkConfig(props);
        final HttpPoster http = new HttpPoster(config.connectTimeout(), config.requestTimeout());
        final Helpdesk helpdesk = config.kind() == Kind.ZENDESK
                ? new ZendeskHelpdesk(config.url(), config.email(), config.token(), http)
                : new BacklogHelpdesk(config, http);
        deliveries = deliveryLogFactory.apply(config, props);
        deliverer = new HelpdeskDeliverer(
                helpdesk,
                config.url().toString(),
                new DeliveryAttempts(deliveries, config.deliveries().retryPolicy(), time));
        tickets = new AvroDeserializer<>(null, ClassifiedMail.class);
        tickets.configure(RegistryConfig.serdeProperties(props), false);
        reporter = errantRecordReporter();
        log.info(
                "Helpdesk sink task applies tickets to {} at {}, outcomes on {}, dead letters {}",
                config.kind().name().toLowerCase(Locale.ROOT),
                HttpPoster.where(config.url()),
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
            try {
                final ClassifiedMail mail = decode(record);
                if (mail != null) {
                    deliverer.deliver(mail);
                }
            } catch (DataException e) {
                if (reporter == null) {
                    throw e;
                }
                reporter.report(record, e);
            } catch (Retry e) {
                context.timeout(e.backoff().toMillis());
                throw new RetriableException(e.getMessage(), e);
            } catch (Undeliverable e) {
                if (reporter != null) {
                    reporter.report(record, e);
                } else {
                    log.error(
                            "Record {} at {}-{}@{} dropped (no dead-letter queue configured): {}",
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
            return tickets.deserialize(record.topic(), bytes);
        } catch (SerializationException e) {
            throw new DataException(
                    "Cannot read the ClassifiedMail at " + record.topic() + "-" + record.kafkaPartition() + "@"
                            + record.kafkaOffset() + ": " + e.getMessage(),
                    e);
        }
    }

    /** Outcomes recorded so far are acknowledged before the worker commits the input offsets. */
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
            if (tickets != null) {
                tickets.close();
            }
        }
    }
}
