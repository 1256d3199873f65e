package io.mailroute.connectors.webhook;

import io.mailroute.avro.Alert;
import io.mailroute.avro.ClassifiedMail;
import io.mailroute.connectors.common.ConnectorVersion;
import io.mailroute.connectors.common.RegistryConfig;
import io.mailroute.connectors.delivery.DeliveryAttempts;
import io.mailroute.connectors.delivery.DeliveryLog;
import io.mailroute.connectors.delivery.KafkaDeliveryLog;
import io.mailroute.connectors.delivery.Retry;
import io.mailroute.connectors.delivery.Undeliverable;
import io.mailroute.connectors.http.HttpPoster;
import io.mailroute.connectors.webhook.WebhookSinkConfig.Kind;
import io.mailroute.schemas.serde.AvroDeserializer;
import java.util.Collection;
import java.util.Map;
import java.util.function.BiFunction;
import org.apache.avro.generic.IndexedRecord;
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
 * Posts {@code mail.alerts} to chat or {@code mail.order-import} to an order system
 * ({@code webhook.kind}). It only wires the collaborators: {@link HttpPoster} (the JDK's HTTP
 * client, failures classified once), {@link ChatRelay} and {@link ChatMessages} (what is posted to
 * chat, and when) or {@link OrderPosts} (the order JSON), and {@link DeliveryLog} (outcomes on
 * {@code mail.deliveries}, read at start so that nothing is posted twice), driven by
 * {@link WebhookDeliverer}.
 *
 * <p>A transient failure pauses the batch ({@code context.timeout} with the backoff, then
 * {@link RetriableException}): the worker hands the same records again, and those delivered
 * meanwhile are skipped by the delivery log. A record that cannot be delivered goes to the errant
 * record reporter (Connect's dead-letter queue with {@code errors.tolerance=all} and
 * {@code errors.deadletterqueue.topic.name}); without one it is only recorded FAILED.
 */
public final class WebhookSinkTask extends SinkTask {
    private static final Logger log = LoggerFactory.getLogger(WebhookSinkTask.class);

    private final BiFunction<WebhookSinkConfig, Map<String, String>, DeliveryLog> deliveryLogFactory;
    private final Time time;
    private DeliveryLog deliveries;
    private AvroDeserializer<Alert> alerts;
    private AvroDeserializer<ClassifiedMail> orders;
    private ChatRelay chat;
    private OrderPosts orderPosts;
    private WebhookDeliverer deliverer;
    private ErrantRecordReporter reporter;

    public WebhookSinkTask() {
        this(
                (config, props) -> new KafkaDeliveryLog(
                        config.deliveries().topic(),
                        config.deliveries().clientConfig(),
                        props,
                        "mailroute-webhook-" + props.getOrDefault("name", "sink")),
                Time.SYSTEM);
    }

    WebhookSinkTask(
            final BiFunction<WebhookSinkConfig, Map<String, String>, DeliveryLog> deliveryLogFactory, final Time time) {
        this.deliveryLogFactory = deliveryLogFactory;
        this.time = time;
    }

    @Override
    public String version() {
        return ConnectorVersion.get();
    }

    @Override
    public void start(final Map<String, String> props) {
        final WebhookSinkConfig config = new WebhookSinkConfig(props);
        final HttpPoster poster = new HttpPoster(config.connectTimeout(), config.requestTimeout());
        deliveries = deliveryLogFactory.apply(config, props);
        deliverer = new WebhookDeliverer(
                poster, new DeliveryAttempts(deliveries, config.deliveries().retryPolicy(), time));
        final Map<String, Object> serde = RegistryConfig.serdeProperties(props);
        if (config.kind() == Kind.CHAT) {
            alerts = new AvroDeserializer<>(null, Alert.class);
            alerts.configure(serde, false);
            chat = new ChatRelay(
                    config.chatUrl().orElseThrow(),
                    new ChatMessages(config.statusUrl()),
                    deliverer,
                    config.summaryInterval(),
                    time);
        } else {
            orders = new AvroDeserializer<>(null, ClassifiedMail.class);
            orders.configure(serde, false);
            orderPosts = new OrderPosts(config.orderUrl().orElseThrow(), config.orderToken());
        }
        reporter = errantRecordReporter();
        log.info(
                "Webhook sink task posts {} to {}, outcomes on {}, dead letters {}",
                config.kind() == Kind.CHAT ? "alerts" : "orders",
                HttpPoster.where(
                        config.kind() == Kind.CHAT
                                ? config.chatUrl().orElseThrow()
                                : config.orderUrl().orElseThrow()),
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
        if (chat != null) {
            chat.summariseIfDue();
        }
        for (final SinkRecord record : records) {
            try {
                if (chat != null) {
                    final Alert alert = decode(alerts, record, "Alert");
                    if (alert != null) {
                        chat.relay(alert);
                    }
                } else {
                    final ClassifiedMail mail = decode(orders, record, "ClassifiedMail");
                    if (mail != null) {
                        deliverer.deliver(orderPosts.post(mail));
                    }
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

    private static <T extends IndexedRecord> T decode(
            final AvroDeserializer<T> deserializer, final SinkRecord record, final String type) {
        if (record.value() == null) {
            return null;
        }
        if (!(record.value() instanceof byte[] bytes)) {
            throw new DataException("Expected the Avro bytes of a " + type + " (value.converter="
                    + RegistryConfig.REQUIRED_VALUE_CONVERTER + "), found "
                    + record.value().getClass().getName());
        }
        try {
            return deserializer.deserialize(record.topic(), bytes);
        } catch (SerializationException e) {
            throw new DataException(
                    "Cannot read the " + type + " at " + record.topic() + "-" + record.kafkaPartition() + "@"
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
            if (alerts != null) {
                alerts.close();
            }
            if (orders != null) {
                orders.close();
            }
        }
    }
}
