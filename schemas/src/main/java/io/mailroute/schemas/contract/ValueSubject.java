package io.mailroute.schemas.contract;

import io.mailroute.schemas.serde.SubjectNameStrategy;
import io.mailroute.schemas.topics.MailTopic;
import io.mailroute.schemas.topics.TopicNames;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.apache.avro.Schema;
import org.apache.avro.specific.SpecificData;

/**
 * A registry subject and the value schema mailroute writes under it, named as the serializer names it.
 *
 * @param subject the subject, e.g. {@code mail.raw-value}
 * @param schema  the value schema written under it
 * @param topics  the topics whose values are registered under it (several under RecordNameStrategy)
 */
public record ValueSubject(String subject, Schema schema, List<MailTopic> topics) {

    /** The value schema of {@code topic}: its generated class's schema, parsed from its {@code .avsc}. */
    public static Schema valueSchema(final MailTopic topic) {
        return SpecificData.get().getSchema(topic.valueType());
    }

    /** Every subject mailroute writes values under, in {@link MailTopic} order, each once. */
    public static List<ValueSubject> all(final TopicNames names, final SubjectNameStrategy strategy) {
        final Map<String, List<MailTopic>> topicsBySubject = new LinkedHashMap<>();
        for (final MailTopic topic : MailTopic.values()) {
            topicsBySubject
                    .computeIfAbsent(
                            strategy.subject(names.name(topic), false, valueSchema(topic)), s -> new ArrayList<>())
                    .add(topic);
        }
        return topicsBySubject.entrySet().stream()
                .map(e -> new ValueSubject(e.getKey(), valueSchema(e.getValue().get(0)), List.copyOf(e.getValue())))
                .toList();
    }
}
