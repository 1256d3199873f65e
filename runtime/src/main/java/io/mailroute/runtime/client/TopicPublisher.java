package io.mailroute.runtime.client;

import io.mailroute.schemas.topics.Topic;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.Future;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.clients.producer.RecordMetadata;

/**
 * Publishes records and tombstones to mailroute topics with an idempotent producer
 * ({@code acks=all}); {@link #awaitAcks()} returns once the broker acknowledged every one.
 */
public final class TopicPublisher implements AutoCloseable {
    private final KafkaProducer<byte[], byte[]> producer;
    private final List<Future<RecordMetadata>> pending = new ArrayList<>();

    public TopicPublisher(final ClientSettings settings) {
        this.producer = new KafkaProducer<>(settings.producer());
    }

    /** Sends {@code value} under {@code key}; a null value is a tombstone. */
    public <V> void send(final Topic<String, V> topic, final String key, final V value) {
        final byte[] bytes =
                value == null ? null : topic.valueSerde().serializer().serialize(topic.name(), value);
        pending.add(producer.send(new ProducerRecord<>(topic.name(), key.getBytes(StandardCharsets.UTF_8), bytes)));
    }

    /** Waits until every record sent so far is acknowledged; the first failure is thrown. */
    public int awaitAcks() throws ExecutionException, InterruptedException {
        producer.flush();
        final int acknowledged = pending.size();
        for (final Future<RecordMetadata> future : pending) {
            future.get();
        }
        pending.clear();
        return acknowledged;
    }

    @Override
    public void close() {
        producer.close();
    }
}
