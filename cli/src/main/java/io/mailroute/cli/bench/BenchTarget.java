package io.mailroute.cli.bench;

import io.mailroute.embedded.ConnectRestClient;
import io.mailroute.runtime.client.ClientSettings;
import io.mailroute.s3.S3Clients;
import io.mailroute.s3.S3Settings;
import io.mailroute.s3.SqsSettings;
import io.mailroute.stack.MailrouteStack;
import java.net.URI;
import java.util.HashMap;
import java.util.Map;
import java.util.Optional;
import org.apache.kafka.clients.CommonClientConfigs;
import software.amazon.awssdk.core.checksums.RequestChecksumCalculation;
import software.amazon.awssdk.services.s3.S3Client;

/**
 * Where a benchmark runs: a broker, a schema registry, an S3 endpoint and a Connect worker, either
 * a {@link MailrouteStack} started in this JVM (on a temporary directory, removed on close) or given
 * by the user.
 */
public final class BenchTarget implements AutoCloseable {
    private final Map<String, Object> kafka;
    private final String registryUrl;
    private final S3Settings s3;
    private final String bucket;
    private final ConnectRestClient connect;
    private final Optional<MailrouteStack> owned;
    private final Optional<ClusterInstances> instances;

    private BenchTarget(
            final Map<String, Object> kafka,
            final String registryUrl,
            final S3Settings s3,
            final String bucket,
            final ConnectRestClient connect,
            final Optional<MailrouteStack> owned,
            final Optional<ClusterInstances> instances) {
        this.kafka = Map.copyOf(kafka);
        this.registryUrl = registryUrl;
        this.s3 = s3;
        this.bucket = bucket;
        this.connect = connect;
        this.owned = owned;
        this.instances = instances;
    }

    /**
     * A KRaft broker, S3 in memory with the mail bucket and its notifications queue (as {@code mailroute local}
     * runs them), the registry and a Connect worker, all in this JVM.
     */
    public static BenchTarget embedded() {
        final MailrouteStack stack;
        try {
            stack = MailrouteStack.builder()
                    .kafka()
                    .registry()
                    .s3InMemory()
                    .notifications(true)
                    .connect()
                    .start();
        } catch (RuntimeException e) {
            throw e;
        } catch (Exception e) {
            throw new IllegalStateException("cannot start the embedded stack: " + e.getMessage(), e);
        }
        final ClientSettings client = stack.client();
        return new BenchTarget(
                Map.of(CommonClientConfigs.BOOTSTRAP_SERVERS_CONFIG, client.bootstrapServers()),
                client.schemaRegistry(),
                stack.s3Settings(),
                client.s3Bucket(),
                stack.connect(),
                Optional.of(stack),
                Optional.empty());
    }

    /**
     * An existing cluster.
     *
     * @param kafka      Kafka client properties (bootstrap servers, security)
     * @param s3         how to reach S3, handed on to the connector and the topology
     * @param connectUrl the Connect worker's REST URL, where the S3 source connector plugin is installed
     * @param instances  the cluster's own topology instances, when known
     */
    public static BenchTarget cluster(
            final Map<String, Object> kafka,
            final String registryUrl,
            final S3Settings s3,
            final String bucket,
            final URI connectUrl,
            final Optional<ClusterInstances> instances) {
        return new BenchTarget(
                kafka, registryUrl, s3, bucket, new ConnectRestClient(connectUrl), Optional.empty(), instances);
    }

    /** Kafka client properties (bootstrap servers and security). */
    public Map<String, Object> kafka() {
        return new HashMap<>(kafka);
    }

    public String bootstrapServers() {
        return String.valueOf(kafka.get(CommonClientConfigs.BOOTSTRAP_SERVERS_CONFIG));
    }

    public String registryUrl() {
        return registryUrl;
    }

    /**
     * The queue of the bucket's notifications, when the target has one (the embedded stack's, for the objects
     * under {@link io.mailroute.stack.LocalMailSource#keyPrefix()}); a cluster's is not known.
     */
    public Optional<SqsSettings> notifications() {
        return owned.flatMap(MailrouteStack::notifications);
    }

    /** Where S3 is and as whom. */
    public S3Settings s3() {
        return s3;
    }

    public String bucket() {
        return bucket;
    }

    /** The cluster's own topology instances, when the target is a cluster whose instances were given. */
    public Optional<ClusterInstances> instances() {
        return instances;
    }

    public ConnectRestClient connect() {
        return connect;
    }

    /** A client for {@link #s3()}; the caller closes it. */
    public S3Client newS3Client() {
        return S3Clients.builder(s3)
                // the putter stands in for SES: a trailing CRC per put would only load the machine under test
                .requestChecksumCalculation(RequestChecksumCalculation.WHEN_REQUIRED)
                .build();
    }

    /** Stops the embedded stack; an existing cluster is left as it is. */
    @Override
    public void close() {
        owned.ifPresent(MailrouteStack::close);
    }
}
