package io.mailroute.embedded.testconnect;

import io.mailroute.s3.S3ConfigFragment;
import io.mailroute.s3.S3ConfigFragment.CallDefaults;
import io.mailroute.s3.S3Settings;
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
    /** The S3 keys, unprefixed, as the S3 mail source connector has them. */
    public static final S3ConfigFragment S3 =
            new S3ConfigFragment("", new CallDefaults(S3Settings.DEFAULT_MAX_ATTEMPTS, null));

    static final String BUCKET = "s3.bucket";
    static final String TOPIC = "topic";

    static final ConfigDef CONFIG = S3.define(new ConfigDef()
            .define(BUCKET, ConfigDef.Type.STRING, ConfigDef.Importance.HIGH, "Bucket to read")
            .define(TOPIC, ConfigDef.Type.STRING, ConfigDef.Importance.HIGH, "Topic to write to"));

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
