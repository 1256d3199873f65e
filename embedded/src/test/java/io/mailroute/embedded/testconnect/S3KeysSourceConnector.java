package io.mailroute.embedded.testconnect;

import java.util.List;
import java.util.Map;
import org.apache.kafka.common.config.ConfigDef;
import org.apache.kafka.connect.connector.Task;
import org.apache.kafka.connect.source.ExactlyOnceSupport;
import org.apache.kafka.connect.source.SourceConnector;

/**
 * Test source connector that reads a bucket through the S3 API from inside a Connect task: each
 * object becomes one record (key = object key, value = object bytes), in key order, once.
 */
public final class S3KeysSourceConnector extends SourceConnector {
    static final String ENDPOINT = "s3.endpoint";
    static final String BUCKET = "s3.bucket";
    static final String ACCESS_KEY = "s3.access.key";
    static final String SECRET_KEY = "s3.secret.key";
    static final String TOPIC = "topic";

    private static final ConfigDef CONFIG = new ConfigDef()
            .define(ENDPOINT, ConfigDef.Type.STRING, ConfigDef.Importance.HIGH, "S3 endpoint URL")
            .define(BUCKET, ConfigDef.Type.STRING, ConfigDef.Importance.HIGH, "Bucket to read")
            .define(ACCESS_KEY, ConfigDef.Type.STRING, ConfigDef.Importance.HIGH, "Access key id")
            .define(SECRET_KEY, ConfigDef.Type.PASSWORD, ConfigDef.Importance.HIGH, "Secret access key")
            .define(TOPIC, ConfigDef.Type.STRING, ConfigDef.Importance.HIGH, "Topic to write to");

    private Map<String, String> props;

    @Override
    public void start(final Map<String, String> props) {
        CONFIG.parse(props);
        this.props = Map.copyOf(props);
    }

    @Override
    public Class<? extends Task> taskClass() {
        return S3KeysSourceTask.class;
    }

    @Override
    public List<Map<String, String>> taskConfigs(final int maxTasks) {
        return List.of(props);
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
