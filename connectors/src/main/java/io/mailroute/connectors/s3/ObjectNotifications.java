package io.mailroute.connectors.s3;

import io.mailroute.connectors.s3.S3EventMessages.Created;
import io.mailroute.connectors.s3.S3EventMessages.Events;
import io.mailroute.connectors.s3.S3EventMessages.Malformed;
import io.mailroute.connectors.s3.S3EventMessages.Parsed;
import io.mailroute.connectors.s3.S3EventMessages.TestEvent;
import io.mailroute.s3.S3Failure;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.regex.Pattern;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import software.amazon.awssdk.services.sqs.SqsClient;
import software.amazon.awssdk.services.sqs.model.BatchResultErrorEntry;
import software.amazon.awssdk.services.sqs.model.DeleteMessageBatchRequestEntry;
import software.amazon.awssdk.services.sqs.model.DeleteMessageBatchResponse;
import software.amazon.awssdk.services.sqs.model.Message;

/**
 * The bucket's S3 event notifications, read from SQS. A message is held until every object it
 * names is done, i.e. its record's transaction committed ({@link #release}) or there was nothing
 * to read; only then is it deleted. A message whose object could not be handled yet is
 * {@link #abandon}ed: SQS delivers it again after its visibility timeout. Messages that name
 * nothing for this connector (other buckets, prefixes or keys, test events, removals) or are
 * malformed are deleted at once and counted.
 *
 * <p>Runs on the task thread only.
 */
final class ObjectNotifications implements AutoCloseable {
    private static final Logger log = LoggerFactory.getLogger(ObjectNotifications.class);
    /** SQS's limits on one ReceiveMessage and one DeleteMessageBatch. */
    static final int MAX_MESSAGES = 10;
    /** The long poll: short enough for the task to stop promptly, long enough to idle on one call a second. */
    static final int WAIT_SECONDS = 1;

    private final SqsClient client;
    private final String queueUrl;
    private final String bucket;
    private final String prefix;
    private final Optional<Pattern> keyPattern;
    private final S3MailMetrics metrics;
    private final Map<String, Set<String>> keysByHandle = new HashMap<>();
    private final Map<String, Set<String>> handlesByKey = new HashMap<>();

    ObjectNotifications(
            final SqsClient client,
            final String queueUrl,
            final S3MailSourceConfig config,
            final S3MailMetrics metrics) {
        this.client = client;
        this.queueUrl = queueUrl;
        this.bucket = config.bucket();
        this.prefix = config.prefix();
        this.keyPattern = config.keyPattern();
        this.metrics = metrics;
    }

    /**
     * Waits up to {@value #WAIT_SECONDS} s for messages and returns the keys they name that this
     * connector reads, each held under its message until released.
     */
    Set<String> receive() {
        final List<Message> messages = S3Failure.call(
                        "RECEIVE " + queueUrl,
                        () -> client.receiveMessage(b -> b.queueUrl(queueUrl)
                                .maxNumberOfMessages(MAX_MESSAGES)
                                .waitTimeSeconds(WAIT_SECONDS)))
                .messages();
        final Set<String> keys = new LinkedHashSet<>();
        final List<String> nothingToRead = new ArrayList<>();
        for (final Message message : messages) {
            metrics.notificationReceived();
            final Set<String> named = wantedKeys(message);
            if (named.isEmpty()) {
                nothingToRead.add(message.receiptHandle());
                continue;
            }
            keysByHandle.put(message.receiptHandle(), new HashSet<>(named));
            for (final String key : named) {
                handlesByKey.computeIfAbsent(key, k -> new HashSet<>()).add(message.receiptHandle());
            }
            keys.addAll(named);
        }
        delete(nothingToRead);
        return keys;
    }

    /** Whether a message names {@code key} and waits for it. */
    boolean holds(final String key) {
        return handlesByKey.containsKey(key);
    }

    /** {@code key} is done: deletes the messages that named only objects that are done now. */
    void release(final String key) {
        final List<String> done = new ArrayList<>();
        for (final String handle : forget(key)) {
            final Set<String> waiting = keysByHandle.get(handle);
            if (waiting == null) {
                continue; // abandoned with another key it named: it comes back
            }
            waiting.remove(key);
            if (waiting.isEmpty()) {
                keysByHandle.remove(handle);
                done.add(handle);
            }
        }
        delete(done);
    }

    /** {@code key} could not be handled now: its messages stay in the queue and come back after their visibility timeout. */
    void abandon(final String key) {
        for (final String handle : forget(key)) {
            keysByHandle.remove(handle);
        }
    }

    private Set<String> forget(final String key) {
        final Set<String> handles = handlesByKey.remove(key);
        return handles == null ? Set.of() : handles;
    }

    private Set<String> wantedKeys(final Message message) {
        final Parsed parsed = S3EventMessages.parse(message.body());
        if (parsed instanceof Malformed malformed) {
            metrics.notificationMalformed();
            log.warn("Deleting malformed message {} from {}: {}", message.messageId(), queueUrl, malformed.reason());
            return Set.of();
        }
        if (parsed instanceof TestEvent) {
            metrics.notificationSkipped();
            log.info("Deleting the s3:TestEvent message {} from {}", message.messageId(), queueUrl);
            return Set.of();
        }
        final Set<String> keys = new LinkedHashSet<>();
        for (final Created created : ((Events) parsed).created()) {
            if (wanted(created)) {
                keys.add(created.key());
            } else {
                metrics.notificationSkipped();
                log.debug(
                        "Skipping the notification of s3://{}/{}: not under this connector's prefix or regex",
                        created.bucket(),
                        created.key());
            }
        }
        return keys;
    }

    private boolean wanted(final Created created) {
        final String key = created.key();
        return bucket.equals(created.bucket())
                && key.startsWith(prefix)
                && !key.endsWith("/")
                && keyPattern.map(p -> p.matcher(key).matches()).orElse(true);
    }

    /**
     * Deletes messages, ten per call. A message that cannot be deleted comes back after its
     * visibility timeout and is found done then, so failures are logged and not retried.
     */
    private void delete(final List<String> handles) {
        for (int from = 0; from < handles.size(); from += MAX_MESSAGES) {
            final List<String> chunk = handles.subList(from, Math.min(handles.size(), from + MAX_MESSAGES));
            final List<DeleteMessageBatchRequestEntry> entries = new ArrayList<>(chunk.size());
            for (int i = 0; i < chunk.size(); i++) {
                entries.add(DeleteMessageBatchRequestEntry.builder()
                        .id(Integer.toString(i))
                        .receiptHandle(chunk.get(i))
                        .build());
            }
            try {
                final DeleteMessageBatchResponse response = S3Failure.call(
                        "DELETE messages of " + queueUrl,
                        () -> client.deleteMessageBatch(
                                b -> b.queueUrl(queueUrl).entries(entries)));
                for (final BatchResultErrorEntry failed : response.failed()) {
                    log.warn(
                            "Message could not be deleted from {} ({}); it comes back and is found done then",
                            queueUrl,
                            failed.code());
                }
            } catch (S3Failure e) {
                log.warn("{}; they come back and are found done then", e.getMessage());
            }
        }
    }

    @Override
    public void close() {
        client.close();
    }
}
