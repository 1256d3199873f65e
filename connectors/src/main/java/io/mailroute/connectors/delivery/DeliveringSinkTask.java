package io.mailroute.connectors.delivery;

import io.mailroute.connectors.common.ConnectorVersion;
import java.util.ArrayList;
import java.util.Collection;
import java.util.List;
import java.util.Map;
import org.apache.kafka.clients.consumer.OffsetAndMetadata;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.utils.Time;
import org.apache.kafka.connect.errors.ConnectException;
import org.apache.kafka.connect.errors.DataException;
import org.apache.kafka.connect.errors.RetriableException;
import org.apache.kafka.connect.sink.ErrantRecordReporter;
import org.apache.kafka.connect.sink.SinkRecord;
import org.apache.kafka.connect.sink.SinkTask;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The task loop every delivering sink shares; a sink only wires its collaborators ({@link #open})
 * and delivers one record ({@link #deliver}), usually through {@link DeliveryAttempts}.
 *
 * <p>A transient failure pauses the batch ({@code context.timeout} with the backoff, then
 * {@link RetriableException}): the worker hands the same records again, and those delivered
 * meanwhile are skipped by the delivery log. A record that cannot be read or delivered goes to the
 * errant record reporter (Connect's dead-letter queue with {@code errors.tolerance=all} and
 * {@code errors.deadletterqueue.topic.name}); without one an unreadable record fails the task and an
 * undeliverable one is only recorded FAILED. Outcomes are acknowledged before the worker commits
 * the input offsets.
 */
public abstract class DeliveringSinkTask extends SinkTask {
    private static final Logger log = LoggerFactory.getLogger(DeliveringSinkTask.class);

    private final DeliveryLog.Factory deliveryLogs;
    private final Time time;
    private final List<AutoCloseable> resources = new ArrayList<>();
    private DeliveryLog deliveries;
    private ErrantRecordReporter reporter;

    protected DeliveringSinkTask(final DeliveryLog.Factory deliveryLogs, final Time time) {
        this.deliveryLogs = deliveryLogs;
        this.time = time;
    }

    @Override
    public final String version() {
        return ConnectorVersion.get();
    }

    @Override
    public final void start(final Map<String, String> props) {
        reporter = errantRecordReporter();
        open(props);
    }

    /** Parses the sink's config and wires its collaborators, with {@link #openDeliveries} and {@link #closeOnStop}. */
    protected abstract void open(Map<String, String> props);

    /** Delivers one record; a tombstone or a record the sink does not deliver is skipped. */
    protected abstract void deliver(SinkRecord record) throws Retry, Undeliverable;

    /** Runs before each batch, before its first record. */
    protected void beforeBatch() {}

    /** Opens the task's delivery log and the attempts recorded on it. */
    protected final DeliveryAttempts openDeliveries(final DeliveriesConfig config, final Map<String, String> props) {
        deliveries = closeOnStop(deliveryLogs.open(config, props));
        return new DeliveryAttempts(deliveries, config.retryPolicy(), time);
    }

    /** {@code resource}, closed when the task stops, in the order registered. */
    protected final <C extends AutoCloseable> C closeOnStop(final C resource) {
        resources.add(resource);
        return resource;
    }

    protected final Time time() {
        return time;
    }

    /** What happens to dead letters, for the start-up log line. */
    protected final String deadLetters() {
        return reporter == null ? "only recorded (errors.tolerance=none)" : "reported";
    }

    private ErrantRecordReporter errantRecordReporter() {
        try {
            return context.errantRecordReporter();
        } catch (NoSuchMethodError | NoClassDefFoundError e) {
            return null;
        }
    }

    @Override
    public final void put(final Collection<SinkRecord> records) {
        beforeBatch();
        for (final SinkRecord record : records) {
            try {
                deliver(record);
            } catch (DataException e) {
                if (reporter == null) {
                    throw e;
                }
                reporter.report(record, e);
            } catch (Retry e) {
                context.timeout(e.backoff().toMillis());
                throw new RetriableException(e.getMessage(), e);
            } catch (Undeliverable e) {
                if (reporter != null) {
                    reporter.report(record, e);
                } else {
                    log.error(
                            "Record {} at {}-{}@{} dropped (no dead-letter queue configured): {}",
                            record.key(),
                            record.topic(),
                            record.kafkaPartition(),
                            record.kafkaOffset(),
                            e.getMessage());
                }
            }
        }
    }

    @Override
    public final Map<TopicPartition, OffsetAndMetadata> preCommit(
            final Map<TopicPartition, OffsetAndMetadata> offsets) {
        if (deliveries != null) {
            deliveries.flush();
        }
        return offsets;
    }

    /** Closes every resource, even when one fails to close; the first failure is thrown, the others suppressed. */
    @Override
    public final void stop() {
        ConnectException failure = null;
        for (final AutoCloseable resource : resources) {
            try {
                resource.close();
            } catch (Exception e) {
                if (failure == null) {
                    failure = new ConnectException(
                            "Cannot close " + resource.getClass().getSimpleName(), e);
                } else {
                    failure.addSuppressed(e);
                }
            }
        }
        resources.clear();
        deliveries = null;
        if (failure != null) {
            throw failure;
        }
    }
}
