package io.mailroute.embedded;

import io.mailroute.s3.S3Clients;
import io.mailroute.s3.S3Settings;
import java.io.IOException;
import java.net.URI;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Objects;
import java.util.Optional;
import java.util.Properties;
import java.util.concurrent.TimeoutException;
import org.gaul.s3proxy.BlobStores;
import org.gaul.s3proxy.S3Proxy;
import org.gaul.s3proxy.auth.AuthenticationType;
import org.gaul.s3proxy.blobstore.BlobStore;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import software.amazon.awssdk.auth.credentials.AwsBasicCredentials;
import software.amazon.awssdk.regions.Region;
import software.amazon.awssdk.services.s3.S3Client;
import software.amazon.awssdk.services.s3.model.BucketAlreadyExistsException;
import software.amazon.awssdk.services.s3.model.BucketAlreadyOwnedByYouException;

/**
 * An S3-compatible endpoint in this JVM: S3Proxy serving the real S3 REST API (AWS signature V2
 * and V4) from either a transient in-memory store or a filesystem directory that survives
 * restarts. S3Proxy ships its own relocated Jetty, so it does not share Jetty classes with the
 * Connect worker in the same JVM.
 *
 * <pre>{@code
 * try (EmbeddedS3 s3 = EmbeddedS3.builder().dataDir(dir).port(9000).start()) {
 *     s3.createBucket("mail-inbound");
 *     try (S3Client client = s3.newClient()) { ... }
 * }
 * }</pre>
 */
public final class EmbeddedS3 implements AutoCloseable {
    /** Default access key id. */
    public static final String DEFAULT_ACCESS_KEY = "mailroute";
    /** Default secret access key. */
    public static final String DEFAULT_SECRET_KEY = "mailroute-local-secret";
    /** The region clients should sign for. */
    public static final Region REGION = Region.US_EAST_1;

    /** Default for how long {@link #stop()} lets in-flight requests finish (S3Proxy's own is 30 s). */
    public static final Duration DEFAULT_STOP_TIMEOUT = Duration.ofSeconds(1);

    private static final Logger LOG = LoggerFactory.getLogger(EmbeddedS3.class);

    private final String host;
    private final Path dataDir;
    private final String accessKey;
    private final String secretKey;
    private final Duration stopTimeout;
    private final ObjectCreatedListener objectCreatedListener;
    private int port;
    private S3Proxy proxy;
    private BlobStore blobStore;
    private boolean closed;

    private EmbeddedS3(final Builder builder) {
        this.host = builder.host;
        this.port = builder.port;
        this.dataDir = builder.dataDir == null ? null : builder.dataDir.toAbsolutePath();
        this.accessKey = builder.accessKey;
        this.secretKey = builder.secretKey;
        this.stopTimeout = builder.stopTimeout;
        this.objectCreatedListener = builder.objectCreatedListener;
    }

    /** A builder with the defaults: transient store, ephemeral port on 127.0.0.1, default keys. */
    public static Builder builder() {
        return new Builder();
    }

    /**
     * Starts the endpoint. Starting again after {@link #stop()} reuses the port of the first start.
     *
     * @return this
     * @throws IllegalStateException if closed or if S3Proxy did not start
     */
    public synchronized EmbeddedS3 start() {
        if (closed) {
            throw new IllegalStateException("EmbeddedS3 is closed");
        }
        if (proxy != null) {
            return this;
        }
        final long started = System.nanoTime();
        S3Proxy starting = null;
        try {
            if (blobStore == null) {
                blobStore = openStore();
            }
            starting = S3Proxy.builder()
                    .blobStore(blobStore)
                    .endpoint(URI.create("http://" + host + ":" + port))
                    .awsAuthentication(AuthenticationType.AWS_V2_OR_V4, accessKey, secretKey)
                    .stopTimeout(stopTimeout.toMillis())
                    .build();
            starting.start();
            if (!"STARTED".equals(starting.getState())) {
                throw new IllegalStateException("S3Proxy is " + starting.getState() + " after start()");
            }
            port = starting.getPort();
            proxy = starting;
        } catch (Exception e) {
            stopQuietly(starting);
            throw new IllegalStateException(
                    "Embedded S3 failed to start on " + host + ":" + port + ": " + e.getMessage(), e);
        }
        LOG.info(
                "Embedded S3 started on {} ({}) in {} ms",
                endpoint(),
                dataDir == null ? "transient store" : "filesystem store " + dataDir,
                (System.nanoTime() - started) / 1_000_000);
        return this;
    }

    /**
     * Stops serving; the store stays open, so {@link #start()} serves the same objects again
     * (the transient store's too). Does nothing if stopped.
     */
    public synchronized void stop() {
        if (proxy == null) {
            return;
        }
        try {
            stopQuietly(proxy);
        } finally {
            proxy = null;
        }
        LOG.info("Embedded S3 on port {} stopped", port);
    }

    /** Stops serving and closes the store (a transient store's objects are gone). Idempotent. */
    @Override
    public synchronized void close() {
        if (closed) {
            return;
        }
        closed = true;
        try {
            stop();
        } finally {
            if (blobStore != null) {
                try {
                    blobStore.close();
                } catch (Exception e) {
                    LOG.warn("Closing the S3Proxy blob store failed", e);
                }
                blobStore = null;
            }
        }
    }

    /** True between {@link #start()} and {@link #stop()}. */
    public synchronized boolean isRunning() {
        return proxy != null;
    }

    /** The endpoint URI, e.g. {@code http://127.0.0.1:9000}, for {@code endpointOverride}. */
    public synchronized URI endpoint() {
        if (port == 0) {
            throw new IllegalStateException("EmbeddedS3 was never started: its port is not known yet");
        }
        return URI.create("http://" + host + ":" + port);
    }

    /** The bound port (the real one when the builder asked for 0). */
    public synchronized int port() {
        return endpoint().getPort();
    }

    /** The access key id clients sign with. */
    public String accessKey() {
        return accessKey;
    }

    /** The secret access key clients sign with. */
    public String secretKey() {
        return secretKey;
    }

    /** The filesystem store's directory; empty for the transient store. */
    public Optional<Path> dataDir() {
        return Optional.ofNullable(dataDir);
    }

    /** Creates {@code bucket} through the S3 API unless it exists already. */
    public void createBucket(final String bucket) {
        try (S3Client client = newClient()) {
            client.createBucket(request -> request.bucket(bucket));
            LOG.info("Created bucket {}", bucket);
        } catch (BucketAlreadyOwnedByYouException | BucketAlreadyExistsException e) {
            LOG.debug("Bucket {} exists already", bucket);
        }
    }

    /** How clients reach this endpoint: path-style requests, region us-east-1, the static keys. */
    public S3Settings settings() {
        return S3Settings.forEndpoint(endpoint(), REGION.id(), AwsBasicCredentials.create(accessKey, secretKey));
    }

    /** A new S3 client for {@link #settings()}; the caller closes it. */
    public S3Client newClient() {
        return S3Clients.create(settings());
    }

    private BlobStore openStore() throws IOException {
        final BlobStore store = openPlainStore();
        return objectCreatedListener == null ? store : new NotifyingBlobStore(store, objectCreatedListener);
    }

    private BlobStore openPlainStore() throws IOException {
        final Properties properties = new Properties();
        if (dataDir == null) {
            return BlobStores.create("transient", properties);
        }
        Files.createDirectories(dataDir);
        properties.setProperty("jclouds.filesystem.basedir", dataDir.toString());
        return BlobStores.create("filesystem", properties);
    }

    private void stopQuietly(final S3Proxy proxy) {
        if (proxy == null) {
            return;
        }
        try {
            proxy.stop();
        } catch (TimeoutException e) {
            // Jetty stops anyway and then reports that connections (typically idle keep-alive
            // ones of clients, e.g. the JDK's connection cache) were still open at the timeout
            LOG.debug("S3Proxy closed connections still open after {}", stopTimeout);
        } catch (Exception e) {
            LOG.warn("Stopping S3Proxy failed", e);
        }
    }

    /** Settings for an {@link EmbeddedS3}; every setter returns this builder. */
    public static final class Builder {
        private String host = "127.0.0.1";
        private int port;
        private Path dataDir;
        private String accessKey = DEFAULT_ACCESS_KEY;
        private String secretKey = DEFAULT_SECRET_KEY;
        private Duration stopTimeout = DEFAULT_STOP_TIMEOUT;
        private ObjectCreatedListener objectCreatedListener;

        private Builder() {}

        /**
         * Tells {@code listener} of every object stored, as S3 event notifications do (e.g.
         * {@link EmbeddedSqs#notifier}); null (the default) for none.
         */
        public Builder objectCreatedListener(final ObjectCreatedListener listener) {
            this.objectCreatedListener = listener;
            return this;
        }

        /**
         * How long {@link EmbeddedS3#stop()} waits for in-flight requests before closing their
         * connections; default {@link EmbeddedS3#DEFAULT_STOP_TIMEOUT}. Idle keep-alive
         * connections make a graceful stop take that long.
         */
        public Builder stopTimeout(final Duration timeout) {
            if (timeout.isNegative()) {
                throw new IllegalArgumentException("stop timeout must not be negative: " + timeout);
            }
            this.stopTimeout = timeout;
            return this;
        }

        /** Interface to bind; default {@code 127.0.0.1}. */
        public Builder host(final String host) {
            this.host = Objects.requireNonNull(host, "host");
            return this;
        }

        /** Port; 0 (the default) picks a free port. */
        public Builder port(final int port) {
            this.port = Ports.checked(port);
            return this;
        }

        /** Filesystem store in {@code dir} (one sub-directory per bucket); null (the default) = transient store. */
        public Builder dataDir(final Path dir) {
            this.dataDir = dir;
            return this;
        }

        /** Transient in-memory store (the default). */
        public Builder transientStore() {
            this.dataDir = null;
            return this;
        }

        /** Access key id and secret that requests must be signed with. */
        public Builder credentials(final String accessKey, final String secretKey) {
            this.accessKey = requireText(accessKey, "accessKey");
            this.secretKey = requireText(secretKey, "secretKey");
            return this;
        }

        /** Creates the (not yet started) endpoint. */
        public EmbeddedS3 build() {
            return new EmbeddedS3(this);
        }

        /** {@link #build()} and {@link EmbeddedS3#start()}. */
        public EmbeddedS3 start() {
            return build().start();
        }

        private static String requireText(final String value, final String name) {
            if (value == null || value.isEmpty()) {
                throw new IllegalArgumentException(name + " must not be empty");
            }
            return value;
        }
    }
}
