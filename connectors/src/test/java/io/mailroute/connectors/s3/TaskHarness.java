package io.mailroute.connectors.s3;

import static org.awaitility.Awaitility.await;

import io.mailroute.avro.DeadLetter;
import io.mailroute.avro.RawMail;
import io.mailroute.schemas.registry.SchemaRegistryClients;
import io.mailroute.schemas.serde.AvroSerdes;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Collection;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.function.BooleanSupplier;
import java.util.function.Function;
import java.util.function.Predicate;
import org.apache.kafka.clients.producer.RecordMetadata;
import org.apache.kafka.common.MetricName;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.metrics.Metrics;
import org.apache.kafka.common.metrics.PluginMetrics;
import org.apache.kafka.common.metrics.internals.PluginMetricsImpl;
import org.apache.kafka.common.utils.Time;
import org.apache.kafka.common.utils.Utils;
import org.apache.kafka.connect.source.SourceRecord;
import org.apache.kafka.connect.source.SourceTaskContext;
import org.apache.kafka.connect.storage.OffsetStorageReader;
import software.amazon.awssdk.services.s3.S3Client;

/**
 * Runs one {@link S3MailSourceTask} the way the worker does: polls it, and on {@link #commit}
 * stores the records' offsets and calls {@code commitRecord}, as an acknowledged (or, with
 * exactly-once support, committed) batch. The offset store outlives {@link #restart}.
 */
final class TaskHarness implements AutoCloseable {
    private final Map<String, String> taskConfig;
    private final Map<Map<String, ?>, Map<String, Object>> offsets;
    private final Metrics metrics = new Metrics();
    private final String registryScope;
    private final Function<S3MailSourceConfig, S3Client> clientFactory;
    private S3MailSourceTask task;
    private PluginMetricsImpl pluginMetrics;
    private long nextOffset;

    TaskHarness(
            final Map<String, String> connectorConfig,
            final int taskId,
            final int taskCount,
            final Map<Map<String, ?>, Map<String, Object>> offsets) {
        this(connectorConfig, taskId, taskCount, offsets, S3Objects::client);
    }

    TaskHarness(
            final Map<String, String> connectorConfig,
            final int taskId,
            final int taskCount,
            final Map<Map<String, ?>, Map<String, Object>> offsets,
            final Function<S3MailSourceConfig, S3Client> clientFactory) {
        this.clientFactory = clientFactory;
        this.taskConfig = KeyHashAssignment.taskConfig(connectorConfig, taskId, taskCount);
        this.offsets = offsets;
        this.registryScope =
                connectorConfig.get("schema.registry.url").substring(SchemaRegistryClients.MOCK_SCHEME.length());
        start();
    }

    /** A single task with its own offset store. */
    static TaskHarness single(final Map<String, String> connectorConfig) {
        return new TaskHarness(connectorConfig, 0, 1, new ConcurrentHashMap<>());
    }

    private void start() {
        task = new S3MailSourceTask(Time.SYSTEM, clientFactory, S3Objects::sqsClient);
        pluginMetrics = new PluginMetricsImpl(metrics, Map.of("connector", "test", "task", taskConfig.get("task.id")));
        task.initialize(new SourceTaskContext() {
            @Override
            public Map<String, String> configs() {
                return taskConfig;
            }

            @Override
            public OffsetStorageReader offsetStorageReader() {
                return new MapOffsetReader(offsets);
            }

            @Override
            public PluginMetrics pluginMetrics() {
                return pluginMetrics;
            }
        });
        task.start(taskConfig);
    }

    /** One poll; an empty list when the task had nothing. */
    List<SourceRecord> poll() throws InterruptedException {
        final List<SourceRecord> records = task.poll();
        return records == null ? List.of() : records;
    }

    /** Polls until the records collected satisfy {@code done}; returns them all. */
    List<SourceRecord> pollUntil(final Predicate<List<SourceRecord>> done) {
        final List<SourceRecord> collected = new ArrayList<>();
        await().atMost(Duration.ofSeconds(60))
                .pollDelay(Duration.ZERO)
                .pollInterval(Duration.ofMillis(1))
                .until(() -> {
                    collected.addAll(poll());
                    return done.test(collected);
                });
        return collected;
    }

    /**
     * Polls long enough for {@code passes} complete listing passes (a poll either lists or waits
     * for the next pass, so two polls per pass suffice); returns what was emitted.
     */
    List<SourceRecord> pollPasses(final int passes) throws InterruptedException {
        final List<SourceRecord> collected = new ArrayList<>();
        for (int i = 0; i <= 2 * passes; i++) {
            collected.addAll(poll());
        }
        return collected;
    }

    /** Polls until at least {@code count} records were collected. */
    List<SourceRecord> pollRecords(final int count) {
        return pollUntil(records -> records.size() >= count);
    }

    /** Polls until {@code condition} holds (e.g. after-read actions of committed records done); returns what was emitted meanwhile. */
    List<SourceRecord> pollUntilTrue(final BooleanSupplier condition) {
        return pollUntil(records -> condition.getAsBoolean());
    }

    /** The worker committed these records: offsets stored, then commitRecord per record. */
    void commit(final Collection<SourceRecord> records) {
        for (final SourceRecord record : records) {
            offsets.put(record.sourcePartition(), new ConcurrentHashMap<>(record.sourceOffset()));
        }
        for (final SourceRecord record : records) {
            task.commitRecord(
                    record, new RecordMetadata(new TopicPartition(record.topic(), 0), nextOffset++, 0, 0L, 0, 0));
        }
    }

    /** At-least-once mode: the producer acknowledged the records; their offsets are flushed later (here: never). */
    void acknowledge(final Collection<SourceRecord> records) {
        for (final SourceRecord record : records) {
            task.commitRecord(
                    record, new RecordMetadata(new TopicPartition(record.topic(), 0), nextOffset++, 0, 0L, 0, 0));
        }
    }

    /** Stops the task and starts a new one on the same offsets (a worker restart). */
    void restart() {
        task.stop();
        Utils.closeQuietly(pluginMetrics, "plugin metrics");
        start();
    }

    /** The value of one of the task's plugin metrics. */
    double metric(final String name) {
        return metrics.metrics().entrySet().stream()
                .filter(e ->
                        e.getKey().name().equals(name) && e.getKey().group().equals("plugins"))
                .map(Map.Entry::getValue)
                .findFirst()
                .map(m -> ((Number) m.metricValue()).doubleValue())
                .orElseThrow(() -> new AssertionError("no metric " + name + " in "
                        + metrics.metrics().keySet().stream()
                                .map(MetricName::name)
                                .toList()));
    }

    RawMail rawMail(final SourceRecord record) {
        return AvroSerdes.specific(RawMail.class, SchemaRegistryClients.scope(registryScope), serdeConfig())
                .deserializer()
                .deserialize(record.topic(), (byte[]) record.value());
    }

    DeadLetter deadLetter(final SourceRecord record) {
        return AvroSerdes.specific(DeadLetter.class, SchemaRegistryClients.scope(registryScope), serdeConfig())
                .deserializer()
                .deserialize(record.topic(), (byte[]) record.value());
    }

    private Map<String, Object> serdeConfig() {
        return Map.of(
                "schema.registry.url", SchemaRegistryClients.MOCK_SCHEME + registryScope, "specific.avro.reader", true);
    }

    @Override
    public void close() {
        task.stop();
        Utils.closeQuietly(pluginMetrics, "plugin metrics");
        metrics.close();
    }

    /** The worker's offset reader over the harness's map. */
    private record MapOffsetReader(Map<Map<String, ?>, Map<String, Object>> offsets) implements OffsetStorageReader {
        @Override
        public <T> Map<String, Object> offset(final Map<String, T> partition) {
            return offsets.get(partition);
        }

        @Override
        public <T> Map<Map<String, T>, Map<String, Object>> offsets(final Collection<Map<String, T>> partitions) {
            final Map<Map<String, T>, Map<String, Object>> result = new HashMap<>();
            partitions.forEach(p -> result.put(p, offsets.get(p)));
            return result;
        }
    }
}
