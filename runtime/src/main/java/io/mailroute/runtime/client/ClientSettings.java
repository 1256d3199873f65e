package io.mailroute.runtime.client;

import io.mailroute.s3.S3Clients;
import io.mailroute.s3.S3ConfigFragment;
import io.mailroute.s3.S3ConfigFragment.CallDefaults;
import io.mailroute.s3.S3Environment;
import io.mailroute.s3.S3Settings;
import io.mailroute.schemas.registry.SchemaRegistryClient;
import io.mailroute.schemas.registry.SchemaRegistryClients;
import io.mailroute.schemas.topics.MailTopics;
import java.util.HashMap;
import java.util.Map;
import java.util.UUID;
import org.apache.kafka.clients.CommonClientConfigs;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.common.serialization.ByteArrayDeserializer;
import org.apache.kafka.common.serialization.ByteArraySerializer;
import software.amazon.awssdk.services.s3.S3Client;

/**
 * Everything a client command needs to reach Kafka, the registry and S3, built once from
 * {@code ClusterOptions}. Extra properties (a file given with {@code --config}) are passed to the
 * Kafka clients and the serde unchanged, except the {@code s3.*} keys of {@link #S3}, which with
 * their {@code MAILROUTE_S3_*} environment variables ({@link S3Environment}) say how to reach S3.
 */
public final class ClientSettings {
    /** The S3 keys of the commands, unprefixed: the SDK's default attempts and no call timeout. */
    public static final S3ConfigFragment S3 =
            new S3ConfigFragment("", new CallDefaults(S3Settings.DEFAULT_MAX_ATTEMPTS, null));
    /** What {@code --s3-endpoint} (or {@code s3.endpoint}) names for the AWS endpoint of the region. */
    public static final String AWS_ENDPOINT = "aws";
    /** The AWS SDK's variable that, when set, stands in for the local development keys. */
    private static final String AWS_ACCESS_KEY_ID = "AWS_ACCESS_KEY_ID";

    private final String bootstrapServers;
    private final String schemaRegistry;
    private final String s3Endpoint;
    private final String s3Bucket;
    private final String s3Region;
    private final Map<String, String> extra;
    private final Map<String, String> environment;

    /**
     * @param s3Endpoint the S3 endpoint ({@value #AWS_ENDPOINT} for AWS), or null to take it from the properties,
     *                   the environment or the local default
     * @param s3Region   the S3 region, or null to take it from the properties, the environment or the default
     */
    public ClientSettings(
            final String bootstrapServers,
            final String schemaRegistry,
            final String s3Endpoint,
            final String s3Bucket,
            final String s3Region,
            final Map<String, String> extra) {
        this(bootstrapServers, schemaRegistry, s3Endpoint, s3Bucket, s3Region, extra, System.getenv());
    }

    ClientSettings(
            final String bootstrapServers,
            final String schemaRegistry,
            final String s3Endpoint,
            final String s3Bucket,
            final String s3Region,
            final Map<String, String> extra,
            final Map<String, String> environment) {
        this.bootstrapServers = bootstrapServers;
        this.schemaRegistry = schemaRegistry;
        this.s3Endpoint = s3Endpoint;
        this.s3Bucket = s3Bucket;
        this.s3Region = s3Region;
        this.extra = Map.copyOf(extra);
        this.environment = Map.copyOf(environment);
    }

    public String bootstrapServers() {
        return bootstrapServers;
    }

    public String schemaRegistry() {
        return schemaRegistry;
    }

    public String s3Bucket() {
        return s3Bucket;
    }

    /** Kafka client properties shared by admin, producer and consumer. */
    public Map<String, Object> kafka() {
        final Map<String, Object> props = new HashMap<>();
        extra.forEach((k, v) -> {
            if (!k.startsWith("s3.") && !k.startsWith("mailroute.")) {
                props.put(k, v);
            }
        });
        props.put(CommonClientConfigs.BOOTSTRAP_SERVERS_CONFIG, bootstrapServers);
        props.putIfAbsent(CommonClientConfigs.CLIENT_ID_CONFIG, "mailroute-cli");
        return props;
    }

    /** Admin client properties; fails within 20 s when the cluster cannot be reached. */
    public Map<String, Object> admin() {
        final Map<String, Object> props = kafka();
        props.putIfAbsent(CommonClientConfigs.DEFAULT_API_TIMEOUT_MS_CONFIG, 20_000);
        props.putIfAbsent(CommonClientConfigs.REQUEST_TIMEOUT_MS_CONFIG, 10_000);
        return props;
    }

    /** A byte-array producer that writes each record once (idempotent, acks=all). */
    public Map<String, Object> producer() {
        final Map<String, Object> props = kafka();
        props.put(ProducerConfig.KEY_SERIALIZER_CLASS_CONFIG, ByteArraySerializer.class.getName());
        props.put(ProducerConfig.VALUE_SERIALIZER_CLASS_CONFIG, ByteArraySerializer.class.getName());
        props.putIfAbsent(ProducerConfig.ACKS_CONFIG, "all");
        props.putIfAbsent(ProducerConfig.ENABLE_IDEMPOTENCE_CONFIG, true);
        props.putIfAbsent(ProducerConfig.MAX_REQUEST_SIZE_CONFIG, 2 * 1024 * 1024 + 64 * 1024);
        return props;
    }

    /**
     * A {@link #producer()} for atomic writes, with a {@code transactional.id} of its own:
     * {@code mailroute-<use>-<random UUID>}, so that no two processes (or uses in one) fence each other.
     */
    public Map<String, Object> transactionalProducer(final String use) {
        final Map<String, Object> props = producer();
        props.put(ProducerConfig.TRANSACTIONAL_ID_CONFIG, "mailroute-" + use + "-" + UUID.randomUUID());
        return props;
    }

    /** A byte-array consumer that reads committed data only and never commits offsets. */
    public Map<String, Object> consumer() {
        final Map<String, Object> props = kafka();
        props.put(ConsumerConfig.KEY_DESERIALIZER_CLASS_CONFIG, ByteArrayDeserializer.class.getName());
        props.put(ConsumerConfig.VALUE_DESERIALIZER_CLASS_CONFIG, ByteArrayDeserializer.class.getName());
        props.put(ConsumerConfig.ISOLATION_LEVEL_CONFIG, "read_committed");
        props.put(ConsumerConfig.ENABLE_AUTO_COMMIT_CONFIG, false);
        props.put(ConsumerConfig.AUTO_OFFSET_RESET_CONFIG, "earliest");
        return props;
    }

    /** Serde properties: the registry URL plus any registry settings from the properties file. */
    public Map<String, Object> serde() {
        final Map<String, Object> props = new HashMap<>();
        extra.forEach((k, v) -> {
            if (k.startsWith("basic.auth.") || k.startsWith("bearer.auth.") || k.startsWith("schema.registry.")) {
                props.put(k, v);
            }
        });
        props.put("schema.registry.url", schemaRegistry);
        return props;
    }

    /** Application settings ({@code mailroute.topic.*} names and prefix). */
    public Map<String, String> application() {
        final Map<String, String> props = new HashMap<>();
        extra.forEach((k, v) -> {
            if (k.startsWith("mailroute.")) {
                props.put(k, v);
            }
        });
        return props;
    }

    public SchemaRegistryClient registry() {
        return SchemaRegistryClients.fromConfig(serde());
    }

    /** The typed topics with serdes on a registry client that the caller closes. */
    public MailTopics topics(final SchemaRegistryClient registry) {
        return MailTopics.create(application(), registry, serde());
    }

    /** A new S3 client for {@link #s3Settings()}; the caller closes it. */
    public S3Client s3() {
        return S3Clients.create(s3Settings());
    }

    /**
     * How the commands reach S3: the {@code s3.*} keys of the properties file over their
     * {@code MAILROUTE_S3_*} variables, {@code --s3-endpoint} and {@code --s3-region} over both, and
     * the local stack's endpoint when none says otherwise. An endpoint override brings path-style
     * access and, without keys and without {@code AWS_ACCESS_KEY_ID}, the local development keys;
     * otherwise no keys mean the default AWS credentials chain.
     *
     * @throws org.apache.kafka.common.config.ConfigException naming the key of an invalid value
     */
    public S3Settings s3Settings() {
        final Map<String, String> props = new HashMap<>(S3Environment.properties(environment));
        extra.forEach((key, value) -> {
            if (S3ConfigFragment.KEYS.contains(key)) {
                props.put(key, value);
            }
        });
        if (s3Endpoint != null) {
            props.put(S3ConfigFragment.ENDPOINT_CONFIG, s3Endpoint);
        }
        if (s3Region != null) {
            props.put(S3ConfigFragment.REGION_CONFIG, s3Region);
        }
        final String endpoint = props.getOrDefault(S3ConfigFragment.ENDPOINT_CONFIG, LocalDefaults.S3_ENDPOINT)
                .trim();
        props.put(S3ConfigFragment.ENDPOINT_CONFIG, AWS_ENDPOINT.equalsIgnoreCase(endpoint) ? "" : endpoint);
        if (!props.get(S3ConfigFragment.ENDPOINT_CONFIG).isEmpty()) {
            props.putIfAbsent(S3ConfigFragment.PATH_STYLE_ACCESS_CONFIG, "true");
            final boolean keys = props.containsKey(S3ConfigFragment.ACCESS_KEY_ID_CONFIG)
                    || props.containsKey(S3ConfigFragment.SECRET_ACCESS_KEY_CONFIG);
            if (!keys && environment.get(AWS_ACCESS_KEY_ID) == null) {
                S3.setter(props).credentials(LocalDefaults.S3_ACCESS_KEY, LocalDefaults.S3_SECRET_KEY);
            }
        }
        return S3.settings(props);
    }
}
