package io.mailroute.connectors.s3;

import java.nio.charset.StandardCharsets;
import java.util.HashMap;
import java.util.Map;
import org.apache.kafka.common.utils.Utils;
import org.apache.kafka.connect.errors.ConnectException;

/**
 * Splits the objects among the connector's tasks without overlap: task {@code i} of {@code n}
 * owns the keys whose murmur2 hash (the one Kafka's producer partitions with) is {@code i} modulo
 * {@code n}. Every task lists the whole prefix and keeps its own keys, so ownership depends only
 * on the key and the task count: after a rebalance to another count each key has exactly one
 * owner again, which finds the key's committed progress in its source offset.
 */
record KeyHashAssignment(int taskId, int taskCount) {
    static final String TASK_ID_CONFIG = "task.id";
    static final String TASK_COUNT_CONFIG = "task.count";

    KeyHashAssignment {
        if (taskCount < 1 || taskId < 0 || taskId >= taskCount) {
            throw new IllegalArgumentException("task " + taskId + " of " + taskCount);
        }
    }

    /** The task configuration of task {@code taskId} of {@code taskCount}. */
    static Map<String, String> taskConfig(
            final Map<String, String> connectorConfig, final int taskId, final int taskCount) {
        final Map<String, String> config = new HashMap<>(connectorConfig);
        config.put(TASK_ID_CONFIG, Integer.toString(taskId));
        config.put(TASK_COUNT_CONFIG, Integer.toString(taskCount));
        return config;
    }

    /** Reads the assignment the connector added to a task configuration. */
    static KeyHashAssignment fromTaskConfig(final Map<String, String> taskConfig) {
        try {
            return new KeyHashAssignment(
                    Integer.parseInt(taskConfig.get(TASK_ID_CONFIG)),
                    Integer.parseInt(taskConfig.get(TASK_COUNT_CONFIG)));
        } catch (IllegalArgumentException e) {
            throw new ConnectException(
                    "Task configuration needs " + TASK_ID_CONFIG + " and " + TASK_COUNT_CONFIG
                            + " set by the connector, found " + taskConfig.get(TASK_ID_CONFIG) + " of "
                            + taskConfig.get(TASK_COUNT_CONFIG),
                    e);
        }
    }

    boolean owns(final String key) {
        return taskCount == 1
                || Utils.toPositive(Utils.murmur2(key.getBytes(StandardCharsets.UTF_8))) % taskCount == taskId;
    }
}
