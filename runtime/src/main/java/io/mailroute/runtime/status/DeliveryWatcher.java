package io.mailroute.runtime.status;

import io.mailroute.avro.Delivery;
import io.mailroute.schemas.topics.Topic;
import java.nio.charset.StandardCharsets;
import java.util.List;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.common.errors.SerializationException;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * A background reader of {@code mail.deliveries}, from the beginning, committed records only,
 * without a consumer group: feeds {@link DeliveryIndex}. It never writes or commits offsets.
 */
final class DeliveryWatcher extends TopicWatcher {
    private static final Logger LOG = LoggerFactory.getLogger(DeliveryWatcher.class);

    private final Topic<String, Delivery> topic;
    private final DeliveryIndex index;

    DeliveryWatcher(
            final KafkaConsumer<byte[], byte[]> consumer,
            final Topic<String, Delivery> topic,
            final DeliveryIndex index) {
        super("delivery watcher", consumer, List.of(topic.name()));
        this.topic = topic;
        this.index = index;
    }

    @Override
    void handle(final ConsumerRecord<byte[], byte[]> record) {
        if (record.value() == null) {
            if (record.key() != null) {
                index.remove(new String(record.key(), StandardCharsets.UTF_8));
            }
            return;
        }
        try {
            index.add(topic.valueSerde().deserializer().deserialize(topic.name(), record.value()));
        } catch (SerializationException e) {
            index.addUndecodable();
            LOG.warn(
                    "Undecodable delivery record {}-{}@{}: {}",
                    record.topic(),
                    record.partition(),
                    record.offset(),
                    e.getMessage());
        }
    }
}
