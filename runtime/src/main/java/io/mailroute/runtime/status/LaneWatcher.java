package io.mailroute.runtime.status;

import io.mailroute.avro.ClassifiedMail;
import io.mailroute.avro.Lane;
import io.mailroute.schemas.topics.Topic;
import java.util.HashMap;
import java.util.Map;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.common.errors.SerializationException;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * A background reader of the lane topics, from the beginning, committed records only, without a
 * consumer group: feeds {@link LaneCounts}. It never changes the topology or commits offsets.
 */
final class LaneWatcher extends TopicWatcher {
    private static final Logger LOG = LoggerFactory.getLogger(LaneWatcher.class);

    private final Map<String, Lane> lanesByTopic = new HashMap<>();
    private final Map<Lane, Topic<String, ClassifiedMail>> topics;
    private final LaneCounts counts;

    LaneWatcher(
            final KafkaConsumer<byte[], byte[]> consumer,
            final Map<Lane, Topic<String, ClassifiedMail>> topics,
            final LaneCounts counts) {
        super(
                "lane watcher",
                consumer,
                topics.values().stream().map(Topic::name).toList());
        this.topics = Map.copyOf(topics);
        topics.forEach((lane, topic) -> lanesByTopic.put(topic.name(), lane));
        this.counts = counts;
    }

    @Override
    void handle(final ConsumerRecord<byte[], byte[]> record) {
        final Lane lane = lanesByTopic.get(record.topic());
        if (lane == null || record.value() == null) {
            return;
        }
        final Topic<String, ClassifiedMail> topic = topics.get(lane);
        try {
            counts.add(
                    lane,
                    topic.valueSerde().deserializer().deserialize(topic.name(), record.value()),
                    record.timestamp());
        } catch (SerializationException e) {
            counts.addUndecodable();
            LOG.warn(
                    "Undecodable lane record {}-{}@{}: {}",
                    record.topic(),
                    record.partition(),
                    record.offset(),
                    e.getMessage());
        }
    }
}
