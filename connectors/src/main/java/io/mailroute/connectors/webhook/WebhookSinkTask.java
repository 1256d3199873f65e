package io.mailroute.connectors.webhook;

import io.mailroute.avro.Alert;
import io.mailroute.avro.ClassifiedMail;
import io.mailroute.connectors.delivery.AvroRecordDecoder;
import io.mailroute.connectors.delivery.DeliveringSinkTask;
import io.mailroute.connectors.delivery.DeliveryLog;
import io.mailroute.connectors.delivery.KafkaDeliveryLog;
import io.mailroute.connectors.delivery.Retry;
import io.mailroute.connectors.delivery.Undeliverable;
import io.mailroute.connectors.http.HttpPoster;
import io.mailroute.connectors.webhook.WebhookSinkConfig.Kind;
import java.util.Map;
import org.apache.kafka.common.utils.Time;
import org.apache.kafka.connect.sink.SinkRecord;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Posts {@code mail.alerts} to chat or {@code mail.order-import} to an order system
 * ({@code webhook.kind}). It only wires the collaborators: {@link HttpPoster} (the JDK's HTTP
 * client, failures classified once), {@link ChatRelay} and {@link ChatMessages} (what is posted to
 * chat, and when; a due summary goes out before each batch) or {@link OrderPosts} (the order JSON),
 * driven by {@link WebhookDeliverer}; the task loop, retries and dead letters are
 * {@link DeliveringSinkTask}'s.
 */
public final class WebhookSinkTask extends DeliveringSinkTask {
    private static final Logger log = LoggerFactory.getLogger(WebhookSinkTask.class);

    private AvroRecordDecoder<Alert> alerts;
    private AvroRecordDecoder<ClassifiedMail> orders;
    private ChatRelay chat;
    private OrderPosts orderPosts;
    private WebhookDeliverer deliverer;

    public WebhookSinkTask() {
        this(KafkaDeliveryLog.factory("webhook"), Time.SYSTEM);
    }

    WebhookSinkTask(final DeliveryLog.Factory deliveryLogs, final Time time) {
        super(deliveryLogs, time);
    }

    @Override
    protected void open(final Map<String, String> props) {
        final WebhookSinkConfig config = new WebhookSinkConfig(props);
        final HttpPoster poster = config.http().poster();
        deliverer = new WebhookDeliverer(poster, openDeliveries(config.deliveries(), props));
        if (config.kind() == Kind.CHAT) {
            alerts = closeOnStop(new AvroRecordDecoder<>(Alert.class, props));
            chat = new ChatRelay(
                    config.chatUrl().orElseThrow(),
                    new ChatMessages(config.statusUrl()),
                    deliverer,
                    config.summaryInterval(),
                    time());
        } else {
            orders = closeOnStop(new AvroRecordDecoder<>(ClassifiedMail.class, props));
            orderPosts = new OrderPosts(config.orderUrl().orElseThrow(), config.orderToken());
        }
        log.info(
                "Webhook sink task posts {} to {}, outcomes on {}, dead letters {}",
                config.kind() == Kind.CHAT ? "alerts" : "orders",
                HttpPoster.where(
                        config.kind() == Kind.CHAT
                                ? config.chatUrl().orElseThrow()
                                : config.orderUrl().orElseThrow()),
                config.deliveries().topic(),
                deadLetters());
    }

    @Override
    protected void beforeBatch() {
        if (chat != null) {
            chat.summariseIfDue();
        }
    }

    @Override
    protected void deliver(final SinkRecord record) throws Retry, Undeliverable {
        if (chat != null) {
            final Alert alert = alerts.decode(record);
            if (alert != null) {
                chat.relay(alert);
            }
        } else {
            final ClassifiedMail mail = orders.decode(record);
            if (mail != null) {
                deliverer.deliver(orderPosts.post(mail));
            }
        }
    }
}
