package io.mailroute.schemas.topics;

import java.util.LinkedHashMap;
import java.util.Map;
import org.apache.kafka.clients.admin.NewTopic;
import org.apache.kafka.common.config.TopicConfig;

/**
 * How a topic is created by {@code mailroute topics apply}: partitions, replication and the
 * topic-level configs (compaction, retention, record size for inline mail).
 */
public record TopicSpec(String name, int partitions, short replicationFactor, Map<String, String> configs) {

    /** Largest record the raw and retry topics accept: inline mails stay below 1 MB, plus envelope. */
    public static final int LARGE_RECORD_BYTES = 2 * 1024 * 1024;

    /** The spec of {@code topic} under {@code names} with the given partitions and replication. */
    public static TopicSpec of(
            final MailTopic topic, final TopicNames names, final int partitions, final short replicationFactor) {
        final Map<String, String> configs = new LinkedHashMap<>();
        if (topic.compacted()) {
            configs.put(TopicConfig.CLEANUP_POLICY_CONFIG, TopicConfig.CLEANUP_POLICY_COMPACT);
        } else {
            configs.put(TopicConfig.CLEANUP_POLICY_CONFIG, TopicConfig.CLEANUP_POLICY_DELETE);
            configs.put(
                    TopicConfig.RETENTION_MS_CONFIG,
                    Long.toString(topic.retention().toMillis()));
        }
        if (topic == MailTopic.RAW || topic == MailTopic.RETRY || topic == MailTopic.OVERFLOW) {
            configs.put(TopicConfig.MAX_MESSAGE_BYTES_CONFIG, Integer.toString(LARGE_RECORD_BYTES));
        }
        return new TopicSpec(names.name(topic), partitions, replicationFactor, Map.copyOf(configs));
    }

    public NewTopic toNewTopic() {
        return new NewTopic(name, partitions, replicationFactor).configs(configs);
    }
}
