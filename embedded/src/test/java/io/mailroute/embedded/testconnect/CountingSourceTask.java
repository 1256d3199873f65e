package io.mailroute.embedded.testconnect;

import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import org.apache.kafka.connect.data.Schema;
import org.apache.kafka.connect.source.SourceRecord;
import org.apache.kafka.connect.source.SourceTask;

/** Counts upwards from the committed offset of its source partition. */
public final class CountingSourceTask extends SourceTask {
    private final CountDownLatch stopped = new CountDownLatch(1);
    private Map<String, String> partition;
    private String topic;
    private int batchSize;
    private long pollIntervalMs;
    private long next;

    @Override
    public void start(final Map<String, String> props) {
        topic = props.get(CountingSourceConnector.TOPIC);
        batchSize = Integer.parseInt(props.getOrDefault(CountingSourceConnector.BATCH_SIZE, "5"));
        pollIntervalMs = Long.parseLong(props.getOrDefault(CountingSourceConnector.POLL_INTERVAL_MS, "50"));
        partition = Map.of("task", props.get(CountingSourceConnector.TASK_ID));
        final Map<String, Object> offset = context.offsetStorageReader().offset(partition);
        next = offset == null ? 0L : ((Number) offset.get("next")).longValue();
    }

    @Override
    public List<SourceRecord> poll() throws InterruptedException {
        if (stopped.await(pollIntervalMs, TimeUnit.MILLISECONDS)) {
            return null;
        }
        final List<SourceRecord> records = new ArrayList<>(batchSize);
        for (int i = 0; i < batchSize; i++, next++) {
            records.add(new SourceRecord(
                    partition,
                    Map.of("next", next + 1),
                    topic,
                    null,
                    Schema.STRING_SCHEMA,
                    partition.get("task"),
                    Schema.OPTIONAL_BYTES_SCHEMA,
                    Long.toString(next).getBytes(StandardCharsets.UTF_8)));
        }
        return records;
    }

    @Override
    public void stop() {
        stopped.countDown();
    }

    @Override
    public String version() {
        return "1.0";
    }
}
