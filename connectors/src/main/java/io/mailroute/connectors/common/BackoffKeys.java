package io.mailroute.connectors.common;

import java.time.Duration;
import org.apache.kafka.common.config.AbstractConfig;
import org.apache.kafka.common.config.ConfigDef;
import org.apache.kafka.common.config.ConfigDef.Importance;
import org.apache.kafka.common.config.ConfigDef.Type;
import org.apache.kafka.common.config.ConfigDef.Width;

/**
 * The two keys of a backoff after transient failures, defined alike by every connector: the first
 * wait and the longest one, in milliseconds, each at least 1; read back, the longest is never below
 * the first.
 *
 * @param initialKey     the first wait's key, e.g. {@code s3.backoff.initial.ms}
 * @param initialDefault its default in milliseconds
 * @param maxKey         the longest wait's key
 * @param maxDefault     its default in milliseconds
 */
public record BackoffKeys(String initialKey, long initialDefault, String maxKey, long maxDefault) {
    /** Defines both keys in {@code group} at {@code order} and the one after; returns {@code def}. */
    public ConfigDef define(
            final ConfigDef def, final String initialDoc, final String maxDoc, final String group, final int order) {
        return def.define(
                        initialKey,
                        Type.LONG,
                        initialDefault,
                        ConfigDef.Range.atLeast(1L),
                        Importance.LOW,
                        initialDoc,
                        group,
                        order,
                        Width.SHORT,
                        "Initial backoff")
                .define(
                        maxKey,
                        Type.LONG,
                        maxDefault,
                        ConfigDef.Range.atLeast(1L),
                        Importance.LOW,
                        maxDoc,
                        group,
                        order + 1,
                        Width.SHORT,
                        "Maximum backoff");
    }

    public Duration initial(final AbstractConfig config) {
        return Duration.ofMillis(config.getLong(initialKey));
    }

    /** The longest wait, never below the first. */
    public Duration max(final AbstractConfig config) {
        return Duration.ofMillis(Math.max(config.getLong(maxKey), config.getLong(initialKey)));
    }
}
