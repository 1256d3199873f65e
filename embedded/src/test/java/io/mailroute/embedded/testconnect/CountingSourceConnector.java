package io.mailroute.embedded.testconnect;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.apache.kafka.common.config.ConfigDef;
import org.apache.kafka.connect.connector.Task;
import org.apache.kafka.connect.source.ExactlyOnceSupport;
import org.apache.kafka.connect.source.SourceConnector;

/**
 * Test source connector: each task counts 0, 1, 2, ... into {@code topic}, {@code batch.size}
 * records per poll, and resumes from its committed source offset.
 */
public final class CountingSourceConnector extends SourceConnector {
    static final String TOPIC = "topic";
    static final String BATCH_SIZE = "batch.size";
    static final String POLL_INTERVAL_MS = "poll.interval.ms";
    static final String TASK_ID = "task.id";

    private static final ConfigDef CONFIG = new ConfigDef()
            .define(TOPIC, ConfigDef.Type.STRING, ConfigDef.Importance.HIGH, "Topic to write to")
            .define(BATCH_SIZE, ConfigDef.Type.INT, 5, ConfigDef.Importance.LOW, "Records per poll")
            .define(POLL_INTERVAL_MS, ConfigDef.Type.LONG, 50L, ConfigDef.Importance.LOW, "Pause between polls");

    private Map<String, String> props;

    @Override
    public void start(final Map<String, String> props) {
        CONFIG.parse(props);
        this.props = Map.copyOf(props);
    }

    @Override
    public Class<? extends Task> taskClass() {
        return CountingSourceTask.class;
    }

    @Override
    public List<Map<String, String>> taskConfigs(final int maxTasks) {
        final List<Map<String, String>> configs = new ArrayList<>();
        for (int i = 0; i < maxTasks; i++) {
            final Map<String, String> config = new HashMap<>(props);
            config.put(TASK_ID, Integer.toString(i));
            configs.add(config);
        }
        return configs;
    }

    @Override
    public ExactlyOnceSupport exactlyOnceSupport(final Map<String, String> connectorConfig) {
        return ExactlyOnceSupport.SUPPORTED;
    }

    @Override
    public void stop() {
        // nothing to release
    }

    @Override
    public ConfigDef config() {
        return CONFIG;
    }

    @Override
    public String version() {
        return "1.0";
    }
}
