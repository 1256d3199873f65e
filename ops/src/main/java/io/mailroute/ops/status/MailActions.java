package io.mailroute.ops.status;

import io.mailroute.avro.DeadLetter;
import io.mailroute.avro.RetryMail;
import io.mailroute.ops.client.Resubmitter;
import io.mailroute.ops.client.TopicReader;
import io.mailroute.schemas.topics.MailTopics;
import io.mailroute.schemas.topics.Topic;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.List;
import org.apache.kafka.clients.producer.Producer;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The state-changing operations of the status page, done the way the CLI does them: never by
 * editing data, only by re-publishing the mail to {@code mail.raw} through the {@link Resubmitter}.
 */
final class MailActions {
    private static final Logger LOG = LoggerFactory.getLogger(MailActions.class);

    private final TopicReader reader;
    private final MailTopics topics;
    private final Resubmitter resubmitter;
    private final Producer<byte[], byte[]> producer;
    private final Duration timeout;

    /**
     * @param producer writes the {@code mail.retry} tombstone that cancels a released mail's wait
     */
    MailActions(final TopicReader reader, final MailTopics topics, final Resubmitter resubmitter,
                final Producer<byte[], byte[]> producer, final Duration timeout) {
        this.reader = reader;
        this.topics = topics;
        this.resubmitter = resubmitter;
        this.producer = producer;
        this.timeout = timeout;
    }

    /** Re-publishes a dead-lettered mail (its latest dead letter) with attempt + 1. */
    Views.Resubmitted retryDeadLetter(final String mailId) throws Exception {
        final DeadLetter letter = latest(topics.dlq(), mailId);
        if (letter == null) {
            throw new ApiException(404, "no dead letter for " + mailId);
        }
        final Resubmitter.Result result = resubmitter.resubmit(mailId, letter.getRaw(), topics.dlq().name(), letter.getAttempt());
        LOG.info("Re-published dead-lettered mail {} as attempt {}", mailId, result.attempt());
        return view(result, topics.dlq());
    }

    /**
     * Releases a mail waiting in {@code mail.retry} now: a tombstone cancels the topology's wait,
     * then the mail is re-published. Should re-publishing fail, the wait is restored, so the mail
     * is never lost between the two.
     */
    Views.Resubmitted releaseRetry(final String mailId) throws Exception {
        final RetryMail waiting = latest(topics.retry(), mailId);
        if (waiting == null) {
            throw new ApiException(404, "no mail waiting in " + topics.retry().name() + " for " + mailId);
        }
        write(topics.retry(), mailId, null);
        final Resubmitter.Result result;
        try {
            result = resubmitter.resubmit(mailId, waiting.getRaw(), topics.retry().name(), waiting.getAttempt());
        } catch (Exception e) {
            write(topics.retry(), mailId, waiting);
            throw e;
        }
        LOG.info("Released waiting mail {} as attempt {}", mailId, result.attempt());
        return view(result, topics.retry());
    }

    /** The latest value under {@code key}, null when there is none or the latest is a tombstone. */
    private <V> V latest(final Topic<String, V> topic, final String key) {
        final List<TopicReader.Entry<V>> entries = reader.readAll(topic, key::equals, timeout);
        return entries.isEmpty() ? null : entries.get(entries.size() - 1).value();
    }

    private <V> void write(final Topic<String, V> topic, final String key, final V value) throws Exception {
        final byte[] bytes = value == null ? null : topic.valueSerde().serializer().serialize(topic.name(), value);
        producer.send(new ProducerRecord<>(topic.name(), key.getBytes(StandardCharsets.UTF_8), bytes)).get();
    }

    private static Views.Resubmitted view(final Resubmitter.Result result, final Topic<String, ?> from) {
        return new Views.Resubmitted(result.mailId(), result.attempt(), from.name(), result.origin().name());
    }
}
