package io.mailroute.stack;

import io.mailroute.connectors.s3.S3MailSourceConfig;
import io.mailroute.s3.S3Settings;
import io.mailroute.s3.SqsSettings;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.util.LinkedHashMap;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

/**
 * The mail source connector as {@code mailroute local} runs it: {@code ops/connectors/s3-mail.json}
 * on a bucket and the endpoints of the services it reaches, listing the bucket as the file says or,
 * {@link #withNotifications() with notifications}, reading the bucket's ObjectCreated notifications
 * from a queue with a slow listing as a safety net. The one place local and {@code mailroute bench}'s
 * latency and idle phases take its settings from.
 */
public final class LocalMailSource {
    /**
     * The config keys that say where mail is read from and written to, and nothing about how: a run
     * beside local's own topics and keys (the bench's) sets these and keeps every other setting.
     */
    public static final Set<String> PLACE_KEYS = Set.of(
            S3MailSourceConfig.PREFIX_CONFIG,
            S3MailSourceConfig.TOPIC_CONFIG,
            S3MailSourceConfig.DLQ_TOPIC_CONFIG,
            S3MailSourceConfig.MOVE_PREFIX_CONFIG,
            S3MailSourceConfig.FAILED_PREFIX_CONFIG,
            S3MailSourceConfig.CLAIM_CHECK_PREFIX_CONFIG);

    private final ConnectorFile file;
    private final boolean notifications;

    private LocalMailSource(final ConnectorFile file, final boolean notifications) {
        this.file = file;
        this.notifications = notifications;
    }

    /** The connector file local ships. */
    public static LocalMailSource shipped() {
        try {
            return new LocalMailSource(ConnectorFile.s3Mail(), false);
        } catch (IOException e) {
            throw new UncheckedIOException("cannot read the shipped S3 mail connector file", e);
        }
    }

    /**
     * The same connector reading the bucket's notifications from the queue its endpoints name, in one task
     * (a queue hands each message to whichever reader asks), listing the bucket every five minutes.
     */
    public LocalMailSource withNotifications() {
        return new LocalMailSource(file, true);
    }

    /** Whether it reads notifications rather than listing the bucket. */
    public boolean notifications() {
        return notifications;
    }

    /** The key prefix it reads mail under: the prefix a bucket's notifications should be filtered on. */
    public String keyPrefix() {
        return file.config().getOrDefault(S3MailSourceConfig.PREFIX_CONFIG, S3MailSourceConfig.PREFIX_DEFAULT);
    }

    /** The name local runs the connector under. */
    public String name() {
        return file.name();
    }

    /** Tasks the connector runs. */
    public int tasks() {
        return notifications ? 1 : file.tasks();
    }

    /**
     * The config local submits, on {@code bucket}, with {@code endpoints}: the values (or config
     * provider references) of the keys with which the connector reaches S3 and the schema registry,
     * as {@link #endpointKey} tells them apart.
     */
    public Map<String, String> config(final String bucket, final Map<String, String> endpoints) {
        final Map<String, String> config = new LinkedHashMap<>(file.config());
        config.put(S3MailSourceConfig.BUCKET_CONFIG, bucket);
        endpoints.forEach((key, value) -> {
            if (endpointKey(key) && (notifications || !key.startsWith(ConnectEndpoints.SQS_PREFIX))) {
                config.put(key, value);
            }
        });
        if (notifications) {
            config.put(
                    S3MailSourceConfig.INGEST_MODE_CONFIG,
                    S3MailSourceConfig.IngestMode.NOTIFICATIONS.name().toLowerCase(Locale.ROOT));
            config.put(
                    S3MailSourceConfig.SAFETY_NET_INTERVAL_MS_CONFIG,
                    Long.toString(S3MailSourceConfig.SAFETY_NET_INTERVAL_MS_DEFAULT));
            config.put("tasks.max", "1");
        }
        return config;
    }

    /**
     * The config local submits, moved to other topics and keys: {@code places} sets only keys of
     * {@link #PLACE_KEYS}, so that everything that decides how the connector reads is local's.
     *
     * @throws IllegalArgumentException when {@code places} sets any other key
     */
    public Map<String, String> configElsewhere(
            final String bucket, final Map<String, String> endpoints, final Map<String, String> places) {
        if (!PLACE_KEYS.containsAll(places.keySet())) {
            throw new IllegalArgumentException(
                    "only " + PLACE_KEYS + " say where the connector runs, not " + places.keySet());
        }
        final Map<String, String> config = config(bucket, endpoints);
        config.putAll(places);
        return config;
    }

    /**
     * The endpoint settings of a connector reaching S3 by {@code s3}, the queue of the bucket's notifications by
     * {@code notifications} (when there is one) and the schema registry at {@code registryUrl}.
     */
    public static Map<String, String> endpoints(
            final S3Settings s3, final Optional<SqsSettings> notifications, final String registryUrl) {
        final Map<String, String> endpoints = new LinkedHashMap<>(S3MailSourceConfig.S3.connectionProperties(s3));
        notifications.ifPresent(queue -> endpoints.putAll(S3MailSourceConfig.SQS.connectionProperties(queue)));
        endpoints.put(ConnectEndpoints.REGISTRY_URL_KEY, registryUrl);
        return endpoints;
    }

    /** Whether {@code key} is one of the endpoint settings {@link #config} takes from its endpoints. */
    public static boolean endpointKey(final String key) {
        return key.startsWith(ConnectEndpoints.S3_PREFIX)
                || key.startsWith(ConnectEndpoints.SQS_PREFIX)
                || key.equals(ConnectEndpoints.REGISTRY_URL_KEY);
    }
}
