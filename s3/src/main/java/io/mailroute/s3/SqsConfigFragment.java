package io.mailroute.s3;

import java.net.URI;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.apache.kafka.common.config.AbstractConfig;
import org.apache.kafka.common.config.ConfigDef;
import org.apache.kafka.common.config.ConfigDef.Importance;
import org.apache.kafka.common.config.ConfigDef.Type;
import org.apache.kafka.common.config.ConfigDef.Width;

/**
 * The SQS keys of S3 event notifications, defined once like {@link S3ConfigFragment}'s: the queue,
 * and where SQS is when it is not the AWS endpoint of the S3 region. Credentials and attempts are
 * not repeated: the queue is read as whom and as hard as the bucket ({@link #settings}).
 */
public final class SqsConfigFragment {
    public static final String GROUP = "SQS client";

    public static final String QUEUE_URL_CONFIG = "sqs.queue.url";
    private static final String QUEUE_URL_DOC =
            "URL of the SQS queue the bucket's ObjectCreated notifications are sent to (directly or via SNS).";

    public static final String ENDPOINT_CONFIG = "sqs.endpoint";
    private static final String ENDPOINT_DOC =
            "Endpoint override (http://host:port) for ElasticMQ or a test stub; empty for the AWS endpoint of the region.";

    public static final String REGION_CONFIG = "sqs.region";
    private static final String REGION_DOC = "Region SQS requests are signed for; empty for %s"
            + S3ConfigFragment.REGION_CONFIG + ". Credentials and attempts are the S3 client's.";

    /** Every key of the fragment, unprefixed, in the order they are defined. */
    public static final List<String> KEYS = List.of(QUEUE_URL_CONFIG, ENDPOINT_CONFIG, REGION_CONFIG);

    private final String prefix;

    /** @param prefix put before every key, as the S3 fragment it goes with; empty for none */
    public SqsConfigFragment(final String prefix) {
        this.prefix = prefix;
    }

    /** {@code name} (one of {@link #KEYS}) under this fragment's prefix. */
    public String key(final String name) {
        return prefix + name;
    }

    /** Adds the keys under this fragment's prefix to {@code def}, in group {@value #GROUP}. */
    public ConfigDef define(final ConfigDef def) {
        int order = 0;
        return def.define(
                        key(QUEUE_URL_CONFIG),
                        Type.STRING,
                        "",
                        Importance.HIGH,
                        QUEUE_URL_DOC,
                        GROUP,
                        ++order,
                        Width.LONG,
                        "Queue URL")
                .define(
                        key(ENDPOINT_CONFIG),
                        Type.STRING,
                        "",
                        new EndpointValidator(),
                        Importance.MEDIUM,
                        ENDPOINT_DOC,
                        GROUP,
                        ++order,
                        Width.LONG,
                        "Endpoint override")
                .define(
                        key(REGION_CONFIG),
                        Type.STRING,
                        "",
                        Importance.LOW,
                        String.format(REGION_DOC, prefix),
                        GROUP,
                        ++order,
                        Width.SHORT,
                        "Region");
    }

    /** Whether {@code config} names a queue. */
    public boolean hasQueue(final AbstractConfig config) {
        return !config.getString(key(QUEUE_URL_CONFIG)).isBlank();
    }

    /**
     * The settings in {@code config}, parsed with a ConfigDef this fragment {@link #define}d into,
     * reached with {@code s3}'s credentials and attempts (and region unless one is set).
     */
    public SqsSettings settings(final AbstractConfig config, final S3Settings s3) {
        final String endpoint = config.getString(key(ENDPOINT_CONFIG));
        final String region = config.getString(key(REGION_CONFIG));
        return new SqsSettings(
                config.getString(key(QUEUE_URL_CONFIG)).trim(),
                endpoint.isBlank() ? null : URI.create(endpoint.trim()),
                region.isBlank() ? s3.region() : region.trim(),
                s3.credentials(),
                s3.maxAttempts());
    }

    /** Where the queue is, as this fragment's keys: what ops hands the connector. */
    public Map<String, String> connectionProperties(final SqsSettings settings) {
        final Map<String, String> props = new LinkedHashMap<>();
        props.put(key(QUEUE_URL_CONFIG), settings.queueUrl());
        props.put(
                key(ENDPOINT_CONFIG),
                settings.endpoint() == null ? "" : settings.endpoint().toString());
        props.put(key(REGION_CONFIG), settings.region());
        return props;
    }
}
