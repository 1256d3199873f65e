package io.mailroute.connectors.delivery;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.CompletableFuture;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.metrics.PluginMetrics;
import org.apache.kafka.connect.sink.ErrantRecordReporter;
import org.apache.kafka.connect.sink.SinkRecord;
import org.apache.kafka.connect.sink.SinkTaskContext;

/** The worker's side of a sink task: records the timeouts it asks for and what it reports to the dead-letter queue. */
public final class RecordingSinkTaskContext implements SinkTaskContext {
    public final List<Long> timeouts = new ArrayList<>();
    public final List<Reported> reported = new ArrayList<>();
    private final boolean deadLetterQueue;

    private RecordingSinkTaskContext(final boolean deadLetterQueue) {
        this.deadLetterQueue = deadLetterQueue;
    }

    /** A worker with a dead-letter queue: the task gets an errant record reporter. */
    public static RecordingSinkTaskContext withDeadLetterQueue() {
        return new RecordingSinkTaskContext(true);
    }

    /** A worker without a dead-letter queue: the task gets no errant record reporter. */
    public static RecordingSinkTaskContext withoutDeadLetterQueue() {
        return new RecordingSinkTaskContext(false);
    }

    /** A record reported to the dead-letter queue, and why. */
    public record Reported(SinkRecord record, Throwable error) {}

    @Override
    public Map<String, String> configs() {
        return Map.of();
    }

    @Override
    public void offset(final Map<TopicPartition, Long> offsets) {}

    @Override
    public void offset(final TopicPartition tp, final long offset) {}

    @Override
    public void timeout(final long timeoutMs) {
        timeouts.add(timeoutMs);
    }

    @Override
    public Set<TopicPartition> assignment() {
        return Set.of();
    }

    @Override
    public void pause(final TopicPartition... partitions) {}

    @Override
    public void resume(final TopicPartition... partitions) {}

    @Override
    public void requestCommit() {}

    @Override
    public ErrantRecordReporter errantRecordReporter() {
        if (!deadLetterQueue) {
            return null;
        }
        return (record, error) -> {
            reported.add(new Reported(record, error));
            return CompletableFuture.completedFuture(null);
        };
    }

    @Override
    public PluginMetrics pluginMetrics() {
        return null;
    }
}
