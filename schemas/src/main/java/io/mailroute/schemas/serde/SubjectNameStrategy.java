package io.mailroute.schemas.serde;

import java.util.Locale;
import org.apache.avro.Schema;

/** How a topic and a record schema map to a registry subject, as in Confluent's serializers. */
public enum SubjectNameStrategy {
    /** {@code <topic>-key} / {@code <topic>-value}: one schema lineage per topic. */
    TOPIC_NAME {
        @Override
        public String subject(final String topic, final boolean isKey, final Schema schema) {
            return topic + (isKey ? "-key" : "-value");
        }
    },
    /** The record's full name: one lineage per record type, whatever the topic. */
    RECORD_NAME {
        @Override
        public String subject(final String topic, final boolean isKey, final Schema schema) {
            return schema.getFullName();
        }
    },
    /** {@code <topic>-<record full name>}. */
    TOPIC_RECORD_NAME {
        @Override
        public String subject(final String topic, final boolean isKey, final Schema schema) {
            return topic + "-" + schema.getFullName();
        }
    };

    /** The subject a schema written to {@code topic} is registered under. */
    public abstract String subject(String topic, boolean isKey, Schema schema);

    /** Accepts {@code TopicNameStrategy} and Confluent's fully qualified class names alike. */
    public static SubjectNameStrategy parse(final String name) {
        final String simple = name.substring(name.lastIndexOf('.') + 1).toLowerCase(Locale.ROOT);
        return switch (simple) {
            case "topicnamestrategy" -> TOPIC_NAME;
            case "recordnamestrategy" -> RECORD_NAME;
            case "topicrecordnamestrategy" -> TOPIC_RECORD_NAME;
            default -> throw new IllegalArgumentException("Unknown subject name strategy: " + name);
        };
    }
}
