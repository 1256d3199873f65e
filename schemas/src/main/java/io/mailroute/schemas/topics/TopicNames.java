package io.mailroute.schemas.topics;

import java.util.EnumMap;
import java.util.Map;
import java.util.Optional;

/**
 * The topic names in use, defined in one place: defaults from {@link MailTopic}, overridden by
 * {@code mailroute.topic.<id>.name} entries, and optionally prefixed by {@code mailroute.topic.prefix}
 * (so that tests and tenants can run side by side on one cluster).
 */
public final class TopicNames {
    public static final String PREFIX_CONFIG = "mailroute.topic.prefix";

    private final Map<MailTopic, String> names;

    private TopicNames(final Map<MailTopic, String> names) {
        this.names = names;
    }

    /** The default names. */
    public static TopicNames defaults() {
        return from(Map.of());
    }

    /** Names from configuration; unknown keys are ignored. */
    public static TopicNames from(final Map<String, ?> config) {
        final Object prefixValue = config.get(PREFIX_CONFIG);
        final String prefix = prefixValue == null ? "" : prefixValue.toString();
        final Map<MailTopic, String> names = new EnumMap<>(MailTopic.class);
        for (final MailTopic topic : MailTopic.values()) {
            final Object override = config.get(nameConfig(topic));
            names.put(topic, prefix + (override == null ? topic.defaultName() : override.toString()));
        }
        return new TopicNames(names);
    }

    /** Configuration key overriding the name of {@code topic}. */
    public static String nameConfig(final MailTopic topic) {
        return "mailroute.topic." + topic.id() + ".name";
    }

    public String name(final MailTopic topic) {
        return names.get(topic);
    }

    /** The topic whose name is {@code name}, if it is one of ours. */
    public Optional<MailTopic> topicNamed(final String name) {
        return names.entrySet().stream()
                .filter(e -> e.getValue().equals(name))
                .map(Map.Entry::getKey)
                .findFirst();
    }

    @Override
    public String toString() {
        return names.toString();
    }
}
