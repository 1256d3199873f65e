package io.mailroute.embedded;

import io.mailroute.s3.S3Settings;
import io.mailroute.s3.SqsClients;
import io.mailroute.s3.SqsSettings;
import java.net.URI;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.concurrent.CopyOnWriteArrayList;
import org.apache.pekko.http.scaladsl.Http;
import org.elasticmq.NodeAddress;
import org.elasticmq.rest.sqs.SQSRestServer;
import org.elasticmq.rest.sqs.SQSRestServerBuilder;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import software.amazon.awssdk.auth.credentials.AwsBasicCredentials;
import software.amazon.awssdk.services.sqs.SqsClient;
import software.amazon.awssdk.services.sqs.model.QueueAttributeName;

/**
 * An SQS-compatible endpoint in this JVM: ElasticMQ with in-memory queues, and the notifier that
 * makes {@link EmbeddedS3} send S3 ObjectCreated event notifications to one of them.
 *
 * <pre>{@code
 * try (EmbeddedSqs sqs = EmbeddedSqs.builder().port(9324).start()) {
 *     String queue = sqs.createQueue("mail-inbound", Duration.ofSeconds(30));
 *     EmbeddedS3 s3 = EmbeddedS3.builder().objectCreatedListener(sqs.notifier(queue)).start();
 * }
 * }</pre>
 */
public final class EmbeddedSqs implements AutoCloseable {
    private static final Logger LOG = LoggerFactory.getLogger(EmbeddedSqs.class);
    /** The account id ElasticMQ puts in queue URLs. */
    private static final String ACCOUNT_ID = "000000000000";
    /** ElasticMQ takes any region and signature; queues are created in this one. */
    private static final String REGION = "us-east-1";

    private final String host;
    private final int port;
    private final List<SqsClient> notifiers = new CopyOnWriteArrayList<>();
    private SQSRestServer server;

    private EmbeddedSqs(final String host, final int port, final SQSRestServer server) {
        this.host = host;
        this.port = port;
        this.server = server;
    }

    /** A builder with the defaults: a free port on 127.0.0.1. */
    public static Builder builder() {
        return new Builder();
    }

    /** The endpoint URI, e.g. {@code http://127.0.0.1:9324}, for {@code endpointOverride}. */
    public URI endpoint() {
        return URI.create("http://" + host + ":" + port);
    }

    public int port() {
        return port;
    }

    /**
     * Creates {@code name} unless it exists; returns its URL. Messages received and not deleted
     * come back after {@code visibilityTimeout}.
     */
    public String createQueue(final String name, final Duration visibilityTimeout) {
        try (SqsClient client = SqsClients.create(local(""))) {
            final String url = client.createQueue(b -> b.queueName(name)
                            .attributes(Map.of(
                                    QueueAttributeName.VISIBILITY_TIMEOUT,
                                    Long.toString(visibilityTimeout.toSeconds()))))
                    .queueUrl();
            LOG.info("SQS queue {} is at {}", name, url);
            return url;
        }
    }

    /** How clients reach {@code queueUrl}: this endpoint, as {@code s3} reaches its store. */
    public SqsSettings settings(final String queueUrl, final S3Settings s3) {
        return SqsSettings.forEndpoint(queueUrl, endpoint(), s3);
    }

    /**
     * A listener for {@link EmbeddedS3.Builder#objectCreatedListener} that sends each created object's
     * S3 event notification to {@code queueUrl}. A notification that cannot be sent is logged and
     * lost, as S3 may lose one: the consumer's listing safety net finds the object.
     */
    public ObjectCreatedListener notifier(final String queueUrl) {
        return notifier(queueUrl, "");
    }

    /**
     * A {@link #notifier(String)} for the objects whose key starts with {@code keyPrefix} only, as a bucket's
     * notification configuration filters on a prefix.
     */
    public ObjectCreatedListener notifier(final String queueUrl, final String keyPrefix) {
        final SqsClient client = SqsClients.create(local(queueUrl));
        notifiers.add(client);
        final S3EventJson events = new S3EventJson(REGION);
        return (eventName, bucket, key, size, etag) -> {
            if (!key.startsWith(keyPrefix)) {
                return;
            }
            try {
                client.sendMessage(b ->
                        b.queueUrl(queueUrl).messageBody(events.objectCreated(eventName, bucket, key, size, etag)));
            } catch (RuntimeException e) {
                LOG.warn("The notification of s3://{}/{} was lost: {}", bucket, key, e.getMessage());
            }
        };
    }

    /** ElasticMQ checks no signature: the settings of the calls this class makes. */
    private SqsSettings local(final String queueUrl) {
        return new SqsSettings(
                queueUrl,
                endpoint(),
                REGION,
                AwsBasicCredentials.create("local", "local"),
                SqsSettings.DEFAULT_MAX_ATTEMPTS);
    }

    /** Stops serving; queues and their messages are gone. Idempotent. */
    @Override
    public synchronized void close() {
        notifiers.forEach(SqsClient::close);
        notifiers.clear();
        if (server != null) {
            server.stopAndWait();
            server = null;
            LOG.info("Embedded SQS on port {} stopped", port);
        }
    }

    /** Settings for an {@link EmbeddedSqs}. */
    public static final class Builder {
        private String host = "127.0.0.1";
        private int port;

        private Builder() {}

        public Builder host(final String host) {
            this.host = Objects.requireNonNull(host, "host");
            return this;
        }

        /** Port; 0 (the default) picks a free port. */
        public Builder port(final int port) {
            this.port = Ports.checked(port);
            return this;
        }

        /**
         * Starts ElasticMQ. Queue URLs name the host and port each request came to (ElasticMQ's
         * wildcard address), so they hold for a port picked at start.
         */
        public EmbeddedSqs start() {
            final long started = System.nanoTime();
            final SQSRestServer server = SQSRestServerBuilder.withInterface(host)
                    .withPort(port)
                    .withServerAddress(new NodeAddress("http", "*", port, ""))
                    .withAWSAccountId(ACCOUNT_ID)
                    .start();
            final Http.ServerBinding binding = server.waitUntilStarted();
            final EmbeddedSqs sqs = new EmbeddedSqs(host, binding.localAddress().getPort(), server);
            LOG.info("Embedded SQS started on {} in {} ms", sqs.endpoint(), (System.nanoTime() - started) / 1_000_000);
            return sqs;
        }
    }
}
