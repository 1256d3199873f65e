package io.mailroute.cli.bench;

import io.mailroute.embedded.ConnectRestClient;
import io.mailroute.embedded.EmbeddedConnect;
import io.mailroute.embedded.EmbeddedKafka;
import io.mailroute.embedded.EmbeddedS3;
import io.mailroute.s3.S3Clients;
import io.mailroute.s3.S3Settings;
import io.mailroute.schemas.registry.LocalSchemaRegistry;
import io.mailroute.schemas.registry.server.SchemaRegistryServer;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.URI;
import java.util.ArrayList;
import java.util.Collections;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.apache.kafka.clients.CommonClientConfigs;
import software.amazon.awssdk.core.checksums.RequestChecksumCalculation;
import software.amazon.awssdk.services.s3.S3Client;

/**
 * Where a benchmark runs: a broker, a schema registry, an S3 endpoint and a Connect worker, either
 * started in this JVM (fresh temporary directories, removed on close) or given by the user.
 */
public final class BenchTarget implements AutoCloseable {
    private final Map<String, Object> kafka;
    private final String registryUrl;
    private final S3Settings s3;
    private final String bucket;
    private final ConnectRestClient connect;
    private final List<AutoCloseable> owned;

    private BenchTarget(final Map<String, Object> kafka, final String registryUrl, final S3Settings s3,
                        final String bucket, final ConnectRestClient connect, final List<AutoCloseable> owned) {
        this.kafka = Map.copyOf(kafka);
        this.registryUrl = registryUrl;
        this.s3 = s3;
        this.bucket = bucket;
        this.connect = connect;
        this.owned = owned;
    }

    /** A KRaft broker, S3Proxy, the in-process registry and a distributed Connect worker, all in this JVM. */
    public static BenchTarget embedded(final String bucket) {
        final List<AutoCloseable> owned = new ArrayList<>();
        try {
            final EmbeddedKafka kafka = EmbeddedKafka.builder().start();
            owned.add(kafka);
            final EmbeddedS3 s3 = EmbeddedS3.builder().transientStore().start();
            owned.add(s3);
            s3.createBucket(bucket);
            final SchemaRegistryServer registry = SchemaRegistryServer.start(LocalSchemaRegistry.inMemory(), "127.0.0.1", 0,
                    Optional.empty());
            owned.add(registry);
            final EmbeddedConnect connect = EmbeddedConnect.builder().bootstrapServers(kafka.bootstrapServers()).start();
            owned.add(connect);
            return new BenchTarget(kafka.clientConfig(), registry.url(), s3.settings(), bucket, connect.rest(), owned);
        } catch (IOException e) {
            closeAll(owned);
            throw new UncheckedIOException("cannot start the embedded schema registry: " + e.getMessage(), e);
        } catch (RuntimeException e) {
            closeAll(owned);
            throw e;
        }
    }

    /**
     * An existing cluster.
     *
     * @param kafka      Kafka client properties (bootstrap servers, security)
     * @param s3         how to reach S3, handed on to the connector and the topology
     * @param connectUrl the Connect worker's REST URL, where the S3 source connector plugin is installed
     */
    public static BenchTarget cluster(final Map<String, Object> kafka, final String registryUrl, final S3Settings s3,
                                      final String bucket, final URI connectUrl) {
        return new BenchTarget(kafka, registryUrl, s3, bucket, new ConnectRestClient(connectUrl), new ArrayList<>());
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

    /** Where S3 is and as whom. */
    public S3Settings s3() {
        return s3;
    }

    public String bucket() {
        return bucket;
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

    @Override
    public void close() {
        closeAll(owned);
    }

    private static void closeAll(final List<AutoCloseable> resources) {
        final List<AutoCloseable> reversed = new ArrayList<>(resources);
        Collections.reverse(reversed);
        RuntimeException failure = null;
        for (final AutoCloseable resource : reversed) {
            try {
                resource.close();
            } catch (Exception e) {
                if (failure == null) {
                    failure = new IllegalStateException("cannot stop the embedded stack: " + e.getMessage(), e);
                } else {
                    failure.addSuppressed(e);
                }
            }
        }
        resources.clear();
        if (failure != null) {
            throw failure;
        }
    }
}
