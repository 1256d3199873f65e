package io.mailroute.connectors.delivery;

import io.mailroute.connectors.common.BackoffKeys;
import io.mailroute.schemas.topics.MailTopic;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.apache.kafka.common.config.AbstractConfig;
import org.apache.kafka.common.config.ConfigDef;
import org.apache.kafka.common.config.ConfigDef.Importance;
import org.apache.kafka.common.config.ConfigDef.Type;
import org.apache.kafka.common.config.ConfigDef.Width;
import org.apache.kafka.common.config.ConfigException;

/**
 * The keys every delivering sink shares: how often and how long it retries a transient failure
 * ({@code retry.*}) and where it records outcomes ({@code deliveries.*}). The keys and their
 * validators are the same for every sink; the docs are the sink's own ({@link Docs}), since what
 * counts as transient and what the key of an outcome is differ per channel.
 */
public final class DeliveriesConfig {
    public static final String RETRY_GROUP = "Retry";
    public static final String DELIVERIES_GROUP = "Deliveries";

    public static final String MAX_ATTEMPTS_CONFIG = "retry.max.attempts";
    public static final int MAX_ATTEMPTS_DEFAULT = 5;

    public static final String BACKOFF_INITIAL_MS_CONFIG = "retry.backoff.initial.ms";
    public static final long BACKOFF_INITIAL_MS_DEFAULT = 1_000L;

    public static final String BACKOFF_MAX_MS_CONFIG = "retry.backoff.max.ms";
    public static final long BACKOFF_MAX_MS_DEFAULT = 60_000L;

    private static final BackoffKeys BACKOFF = new BackoffKeys(
            BACKOFF_INITIAL_MS_CONFIG, BACKOFF_INITIAL_MS_DEFAULT, BACKOFF_MAX_MS_CONFIG, BACKOFF_MAX_MS_DEFAULT);

    public static final String TOPIC_CONFIG = "deliveries.topic";
    public static final String TOPIC_DEFAULT = MailTopic.DELIVERIES.defaultName();

    public static final String BOOTSTRAP_CONFIG = "deliveries.bootstrap.servers";
    private static final String BOOTSTRAP_DOC =
            "Kafka bootstrap servers of deliveries.topic; further client settings (security) as deliveries.client.<key>.";

    public static final String CLIENT_PREFIX = "deliveries.client.";

    /** The docs of the HTTP sinks' retry keys, which honour a 429's Retry-After. */
    private static final String HTTP_MAX_ATTEMPTS_DOC =
            "Attempts per record on transient failures (429, 408, 5xx, connection errors, timeouts) before it is dead-lettered as FAILED.";

    private static final String HTTP_BACKOFF_INITIAL_MS_DOC =
            "Wait before the second attempt after a transient failure, in milliseconds; doubles per attempt; a 429's Retry-After takes precedence.";
    private static final String HTTP_BACKOFF_MAX_MS_DOC =
            "Longest wait between two attempts, in milliseconds (a longer Retry-After is honoured).";

    private static final ConfigDef.Validator NON_EMPTY_LIST = ConfigDef.LambdaValidator.with(
            (name, value) -> {
                if (value instanceof List<?> list && list.isEmpty()) {
                    throw new ConfigException(name, value, "at least one host:port is required");
                }
            },
            () -> "a non-empty list of host:port");

    private final AbstractConfig config;

    public DeliveriesConfig(final AbstractConfig config) {
        this.config = config;
    }

    /** A sink's docs of the shared keys. */
    public record Docs(String maxAttempts, String backoffInitial, String backoffMax, String topic, String bootstrap) {
        /** The docs of an HTTP sink: its own topic doc, the rest shared. */
        public static Docs http(final String topic) {
            return new Docs(
                    HTTP_MAX_ATTEMPTS_DOC, HTTP_BACKOFF_INITIAL_MS_DOC, HTTP_BACKOFF_MAX_MS_DOC, topic, BOOTSTRAP_DOC);
        }
    }

    /** Adds the keys to {@code def}, in groups {@value #RETRY_GROUP} and {@value #DELIVERIES_GROUP}. */
    public static ConfigDef define(final ConfigDef def, final Docs docs) {
        def.define(
                MAX_ATTEMPTS_CONFIG,
                Type.INT,
                MAX_ATTEMPTS_DEFAULT,
                ConfigDef.Range.between(1, 100),
                Importance.MEDIUM,
                docs.maxAttempts(),
                RETRY_GROUP,
                1,
                Width.SHORT,
                "Attempts");
        BACKOFF.define(def, docs.backoffInitial(), docs.backoffMax(), RETRY_GROUP, 2);
        int order = 0;
        return def.define(
                        TOPIC_CONFIG,
                        Type.STRING,
                        TOPIC_DEFAULT,
                        new ConfigDef.NonEmptyString(),
                        Importance.HIGH,
                        docs.topic(),
                        DELIVERIES_GROUP,
                        ++order,
                        Width.MEDIUM,
                        "Deliveries topic")
                .define(
                        BOOTSTRAP_CONFIG,
                        Type.LIST,
                        ConfigDef.NO_DEFAULT_VALUE,
                        NON_EMPTY_LIST,
                        Importance.HIGH,
                        docs.bootstrap(),
                        DELIVERIES_GROUP,
                        ++order,
                        Width.LONG,
                        "Deliveries bootstrap servers");
    }

    /** How often a transient failure is retried, and after how long; the maximum is never below the initial wait. */
    public RetryPolicy retryPolicy() {
        return new RetryPolicy(config.getInt(MAX_ATTEMPTS_CONFIG), BACKOFF.initial(config), BACKOFF.max(config));
    }

    public String topic() {
        return config.getString(TOPIC_CONFIG);
    }

    /** Client settings of the deliveries producer and consumer: bootstrap servers and deliveries.client.*. */
    public Map<String, Object> clientConfig() {
        final Map<String, Object> client = new HashMap<>(config.originalsWithPrefix(CLIENT_PREFIX));
        client.put("bootstrap.servers", String.join(",", config.getList(BOOTSTRAP_CONFIG)));
        return client;
    }
}
