package io.mailroute.topology;

import io.mailroute.schemas.topics.MailTopic;
import io.mailroute.schemas.topics.TopicNames;
import io.mailroute.topology.errors.MailDeserializationExceptionHandler;
import io.mailroute.topology.errors.MailProcessingExceptionHandler;
import io.mailroute.topology.errors.MailProductionExceptionHandler;
import java.util.Map;
import java.util.Properties;
import org.apache.kafka.streams.StreamsConfig;

/**
 * The Streams configuration of the mail topology: the given application settings over these
 * defaults, with what the topology depends on enforced: exactly-once v2, explicit naming of every
 * internal resource, the mailroute exception handlers (also for the global stores) and {@code mail.dlq} as
 * the dead letter topic.
 */
public final class MailStreamsConfig {
    /** Application id when none is given. */
    public static final String DEFAULT_APPLICATION_ID = "mailroute";

    private MailStreamsConfig() {}

    private static final String PROCESSING_EXCEPTION_HANDLER_GLOBAL_ENABLED =
            "processing.exception.handler.global.enabled";

    /** Streams properties from application settings ({@code mailroute.*}, serde and Streams keys). */
    public static Properties properties(final Map<String, ?> settings) {
        final Properties props = new Properties();
        props.put(StreamsConfig.APPLICATION_ID_CONFIG, DEFAULT_APPLICATION_ID);
        props.put(StreamsConfig.BOOTSTRAP_SERVERS_CONFIG, "localhost:9092");
        // the status table reads mail.status back; let that compacted topic be its changelog
        props.put(StreamsConfig.TOPOLOGY_OPTIMIZATION_CONFIG, StreamsConfig.REUSE_KTABLE_SOURCE_TOPICS);
        props.putAll(settings);
        props.put(StreamsConfig.PROCESSING_GUARANTEE_CONFIG, StreamsConfig.EXACTLY_ONCE_V2);
        props.put(StreamsConfig.ENSURE_EXPLICIT_INTERNAL_RESOURCE_NAMING_CONFIG, true);
        props.put(
                StreamsConfig.DESERIALIZATION_EXCEPTION_HANDLER_CLASS_CONFIG,
                MailDeserializationExceptionHandler.class.getName());
        props.put(
                StreamsConfig.PROCESSING_EXCEPTION_HANDLER_CLASS_CONFIG,
                MailProcessingExceptionHandler.class.getName());
        // a broken account or rule is skipped (and logged) instead of stopping the global thread;
        // the constant is deprecated in 4.3 only because true becomes the default when it goes
        props.put(PROCESSING_EXCEPTION_HANDLER_GLOBAL_ENABLED, true);
        props.put(
                StreamsConfig.PRODUCTION_EXCEPTION_HANDLER_CLASS_CONFIG,
                MailProductionExceptionHandler.class.getName());
        props.put(
                StreamsConfig.ERRORS_DEAD_LETTER_QUEUE_TOPIC_NAME_CONFIG,
                TopicNames.from(settings).name(MailTopic.DLQ));
        return props;
    }
}
