package io.mailroute.connectors.s3;

import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.Optional;
import java.util.function.IntSupplier;
import java.util.function.Supplier;
import org.apache.kafka.common.MetricName;
import org.apache.kafka.common.metrics.Gauge;
import org.apache.kafka.common.metrics.PluginMetrics;
import org.apache.kafka.common.metrics.Sensor;
import org.apache.kafka.common.metrics.stats.CumulativeCount;
import org.apache.kafka.common.metrics.stats.CumulativeSum;
import org.apache.kafka.common.metrics.stats.Rate;
import org.apache.kafka.common.utils.Time;

/**
 * The task's metrics, registered as Connect plugin metrics (KIP-877): JMX
 * {@code kafka.connect:type=plugins,connector=<name>,task=<id>} and every configured metrics
 * reporter. Sensor names are global in the worker, so they carry the connector and task.
 */
final class S3MailMetrics {
    static final String OBJECTS_READ_TOTAL = "objects-read-total";
    static final String OBJECTS_READ_RATE = "objects-read-rate";
    static final String BYTES_READ_TOTAL = "bytes-read-total";
    static final String BYTES_READ_RATE = "bytes-read-rate";
    static final String CLAIM_CHECKS_TOTAL = "claim-checks-total";
    static final String OBJECTS_FAILED_TOTAL = "objects-failed-total";
    static final String S3_ERRORS_TOTAL = "s3-transient-errors-total";
    static final String AFTER_READ_TOTAL = "after-read-actions-total";
    static final String OLDEST_UNPROCESSED_AGE_MS = "oldest-unprocessed-age-ms";
    static final String OBJECTS_IN_FLIGHT = "objects-in-flight";
    static final String NOTIFICATIONS_TOTAL = "notifications-received-total";
    static final String NOTIFICATIONS_SKIPPED_TOTAL = "notifications-skipped-total";
    static final String NOTIFICATIONS_MALFORMED_TOTAL = "notifications-malformed-total";
    static final String NOTIFICATIONS_VANISHED_TOTAL = "notifications-vanished-total";

    private final Sensor objectsRead;
    private final Sensor bytesRead;
    private final Sensor claimChecks;
    private final Sensor objectsFailed;
    private final Sensor s3Errors;
    private final Sensor afterRead;
    private final Sensor notifications;
    private final Sensor notificationsSkipped;
    private final Sensor notificationsMalformed;
    private final Sensor notificationsVanished;

    S3MailMetrics(
            final PluginMetrics metrics,
            final String sensorPrefix,
            final Time time,
            final Supplier<Optional<Instant>> oldestUnprocessed,
            final IntSupplier inFlight) {
        objectsRead = metrics.addSensor(sensorPrefix + "objects-read");
        objectsRead.add(
                name(metrics, OBJECTS_READ_TOTAL, "Objects read and emitted as RawMail records."),
                new CumulativeCount());
        objectsRead.add(name(metrics, OBJECTS_READ_RATE, "Objects read per second."), new Rate());
        bytesRead = metrics.addSensor(sensorPrefix + "bytes-read");
        bytesRead.add(
                name(metrics, BYTES_READ_TOTAL, "Bytes of the objects read (inline and claim-checked)."),
                new CumulativeSum());
        bytesRead.add(name(metrics, BYTES_READ_RATE, "Bytes read per second."), new Rate());
        claimChecks = metrics.addSensor(sensorPrefix + "claim-checks");
        claimChecks.add(
                name(metrics, CLAIM_CHECKS_TOTAL, "Objects emitted as claim checks (larger than inline.max.bytes)."),
                new CumulativeCount());
        objectsFailed = metrics.addSensor(sensorPrefix + "objects-failed");
        objectsFailed.add(
                name(metrics, OBJECTS_FAILED_TOTAL, "Objects that could not be read and were dead-lettered."),
                new CumulativeCount());
        s3Errors = metrics.addSensor(sensorPrefix + "s3-transient-errors");
        s3Errors.add(
                name(
                        metrics,
                        S3_ERRORS_TOTAL,
                        "S3 calls that failed transiently after the SDK's retries (then backed off)."),
                new CumulativeCount());
        afterRead = metrics.addSensor(sensorPrefix + "after-read-actions");
        afterRead.add(
                name(metrics, AFTER_READ_TOTAL, "After-read actions (tag, move, delete, quarantine) completed."),
                new CumulativeCount());
        notifications =
                count(metrics, sensorPrefix, NOTIFICATIONS_TOTAL, "SQS messages received (notifications mode).");
        notificationsSkipped = count(
                metrics,
                sensorPrefix,
                NOTIFICATIONS_SKIPPED_TOTAL,
                "Notifications of other buckets, prefixes or keys, and test events: deleted unread.");
        notificationsMalformed = count(
                metrics,
                sensorPrefix,
                NOTIFICATIONS_MALFORMED_TOTAL,
                "SQS messages that were no S3 event notification: logged and deleted.");
        notificationsVanished = count(
                metrics,
                sensorPrefix,
                NOTIFICATIONS_VANISHED_TOTAL,
                "Notifications of objects that were gone when read: deleted, no dead letter.");
        metrics.addMetric(
                name(
                        metrics,
                        OLDEST_UNPROCESSED_AGE_MS,
                        "Age of the oldest listed object whose record is not committed yet, in milliseconds; 0 when none."),
                (Gauge<Long>) (config, now) -> oldestUnprocessed
                        .get()
                        .map(lastModified -> Math.max(0L, time.milliseconds() - lastModified.toEpochMilli()))
                        .orElse(0L));
        metrics.addMetric(
                name(
                        metrics,
                        OBJECTS_IN_FLIGHT,
                        "Objects being handled: records not yet committed, or after-read actions not yet done."),
                (Gauge<Integer>) (config, now) -> inFlight.getAsInt());
    }

    void objectRead(final long bytes, final boolean claimCheck) {
        objectsRead.record();
        bytesRead.record(bytes);
        if (claimCheck) {
            claimChecks.record();
        }
    }

    void objectFailed() {
        objectsFailed.record();
    }

    void transientError() {
        s3Errors.record();
    }

    void afterReadDone() {
        afterRead.record();
    }

    void notificationReceived() {
        notifications.record();
    }

    void notificationSkipped() {
        notificationsSkipped.record();
    }

    void notificationMalformed() {
        notificationsMalformed.record();
    }

    void notificationVanished() {
        notificationsVanished.record();
    }

    private static Sensor count(
            final PluginMetrics metrics, final String sensorPrefix, final String name, final String description) {
        final Sensor sensor = metrics.addSensor(sensorPrefix + name);
        sensor.add(name(metrics, name, description), new CumulativeCount());
        return sensor;
    }

    private static MetricName name(final PluginMetrics metrics, final String name, final String description) {
        return metrics.metricName(name, description, new LinkedHashMap<>());
    }
}
