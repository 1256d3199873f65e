package io.mailroute.ops.client;

import io.mailroute.schemas.registry.SchemaRegistryClient;
import io.mailroute.schemas.registry.SchemaRegistryClients;
import io.mailroute.schemas.topics.MailTopics;
import java.net.URI;
import java.util.HashMap;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;
import org.apache.kafka.clients.CommonClientConfigs;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.common.serialization.ByteArrayDeserializer;
import org.apache.kafka.common.serialization.ByteArraySerializer;
import software.amazon.awssdk.auth.credentials.AwsBasicCredentials;
import software.amazon.awssdk.auth.credentials.AwsCredentialsProvider;
import software.amazon.awssdk.auth.credentials.DefaultCredentialsProvider;
import software.amazon.awssdk.auth.credentials.StaticCredentialsProvider;
import software.amazon.awssdk.http.urlconnection.UrlConnectionHttpClient;
import software.amazon.awssdk.regions.Region;
import software.amazon.awssdk.services.s3.S3Client;
import software.amazon.awssdk.services.s3.S3ClientBuilder;

/**
 * Everything a client command needs to reach Kafka, the registry and S3, built once from
 * {@code ClusterOptions}. Extra properties (a file given with {@code --config}) are passed to the
 * Kafka clients and the serde unchanged, except the {@code s3.*} keys used for S3 credentials.
 */
public final class ClientSettings {
    public static final String S3_ACCESS_KEY = "s3.access.key";
    public static final String S3_SECRET_KEY = "s3.secret.key";
    /** Environment variables with the S3 credentials when no properties file gives them. */
    public static final String S3_ACCESS_KEY_ENV = "MAILROUTE_S3_ACCESS_KEY";
    public static final String S3_SECRET_KEY_ENV = "MAILROUTE_S3_SECRET_KEY";

    private final String bootstrapServers;
    private final String schemaRegistry;
    private final String s3Endpoint;
    private final String s3Bucket;
    private final String s3Region;
    private final Map<String, String> extra;

    public ClientSettings(final String bootstrapServers, final String schemaRegistry, final String s3Endpoint,
                          final String s3Bucket, final String s3Region, final Map<String, String> extra) {
        this.bootstrapServers = bootstrapServers;
        this.schemaRegistry = schemaRegistry;
        this.s3Endpoint = s3Endpoint;
        this.s3Bucket = s3Bucket;
        this.s3Region = s3Region;
        this.extra = Map.copyOf(extra);
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

    /** The S3 endpoint URL, or {@code aws} for the AWS endpoint of the region. */
    public String s3Endpoint() {
        return s3Endpoint;
    }

    public String s3Region() {
        return s3Region;
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

    /** An S3 client for the configured endpoint (path-style for non-AWS endpoints). */
    public S3Client s3() {
        final S3ClientBuilder builder = S3Client.builder()
                .region(Region.of(s3Region))
                .credentialsProvider(s3Credentials())
                .httpClientBuilder(UrlConnectionHttpClient.builder());
        endpoint().ifPresent(uri -> builder.endpointOverride(uri).forcePathStyle(true));
        return builder.build();
    }

    private Optional<URI> endpoint() {
        return "aws".equalsIgnoreCase(s3Endpoint) ? Optional.empty() : Optional.of(URI.create(s3Endpoint));
    }

    private AwsCredentialsProvider s3Credentials() {
        return s3StaticCredentials().<AwsCredentialsProvider>map(StaticCredentialsProvider::create)
                .orElseGet(() -> DefaultCredentialsProvider.builder().build());
    }

    /**
     * The S3 keys when they are given ({@code s3.access.key}/{@code s3.secret.key} or
     * {@code MAILROUTE_S3_*}), or the local development keys for a non-AWS endpoint without
     * {@code AWS_ACCESS_KEY_ID}; empty means the default AWS credentials chain.
     */
    public Optional<AwsBasicCredentials> s3StaticCredentials() {
        final String key = extra.getOrDefault(S3_ACCESS_KEY, System.getenv(S3_ACCESS_KEY_ENV));
        final String secret = extra.getOrDefault(S3_SECRET_KEY, System.getenv(S3_SECRET_KEY_ENV));
        if (key != null && secret != null) {
            return Optional.of(AwsBasicCredentials.create(key, secret));
        }
        if (endpoint().isPresent() && System.getenv("AWS_ACCESS_KEY_ID") == null) {
            return Optional.of(AwsBasicCredentials.create(LocalDefaults.S3_ACCESS_KEY, LocalDefaults.S3_SECRET_KEY));
        }
        return Optional.empty();
    }
}
