package io.mailroute.runtime.status;

import io.mailroute.avro.ClassifiedMail;
import io.mailroute.avro.Lane;
import io.mailroute.schemas.topics.Topic;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.common.errors.SerializationException;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * A background reader of the lane topics and of the dead-letter and retry topics, from the beginning,
 * committed records only, without a consumer group: feeds {@link LaneCounts} and {@link ErrorLaneCounts}. It never changes the topology or commits offsets.
 */
final class LaneWatcher extends TopicWatcher {
    private static final Logger LOG = LoggerFactory.getLogger(LaneWatcher.class);

    private final Map<String, Lane> lanesByTopic = new HashMap<>();
    private final Map<Lane, Topic<String, ClassifiedMail>> topics;
    private final LaneCounts counts;
    private final String dlqTopic;
    private final String retryTopic;
    private final ErrorLaneCounts errorCounts;

    /**
     * @param dlqTopic   the dead-letter topic's name
     * @param retryTopic the retry topic's name
     */
    LaneWatcher(
            final KafkaConsumer<byte[], byte[]> consumer,
            final Map<Lane, Topic<String, ClassifiedMail>> topics,
            final LaneCounts counts,
            final String dlqTopic,
            final String retryTopic,
            final ErrorLaneCounts errorCounts) {
        super("lane watcher", consumer, topicNames(topics, dlqTopic, retryTopic));
        this.topics = Map.copyOf(topics);
        topics.forEach((lane, topic) -> lanesByTopic.put(topic.name(), lane));
        this.counts = counts;
        this.dlqTopic = dlqTopic;
        this.retryTopic = retryTopic;
        this.errorCounts = errorCounts;
    }

    private static List<String> topicNames(
            final Map<Lane, Topic<String, ClassifiedMail>> topics, final String dlqTopic, final String retryTopic) {
        return Stream.concat(topics.values().stream().map(Topic::name), Stream.of(dlqTopic, retryTopic))
                .toList();
    }

    @Override
    void handle(final ConsumerRecord<byte[], byte[]> record) {
        if (record.topic().equals(dlqTopic)) {
            if (record.value() != null) {
                errorCounts.addDeadLetter();
            }
            return;
        }
        if (record.topic().equals(retryTopic)) {
            errorCounts.addRetry(record.key(), record.value() == null);
            return;
        }
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
