package io.mailroute.schemas.contract;

import io.mailroute.schemas.serde.SubjectNameStrategy;
import io.mailroute.schemas.topics.MailTopic;
import io.mailroute.schemas.topics.TopicNames;
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
 */
public record ValueSubject(String subject, Schema schema) {

    /** The value schema of {@code topic}: its generated class's schema, parsed from its {@code .avsc}. */
    public static Schema valueSchema(final MailTopic topic) {
        return SpecificData.get().getSchema(topic.valueType());
    }

    /** Every subject mailroute writes values under, in {@link MailTopic} order, each once (topics may share one). */
    public static List<ValueSubject> all(final TopicNames names, final SubjectNameStrategy strategy) {
        final Map<String, Schema> schemaBySubject = new LinkedHashMap<>();
        for (final MailTopic topic : MailTopic.values()) {
            final Schema schema = valueSchema(topic);
            schemaBySubject.putIfAbsent(strategy.subject(names.name(topic), false, schema), schema);
        }
        return schemaBySubject.entrySet().stream()
                .map(e -> new ValueSubject(e.getKey(), e.getValue()))
                .toList();
    }
}
