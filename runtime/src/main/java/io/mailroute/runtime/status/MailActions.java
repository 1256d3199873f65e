package io.mailroute.runtime.status;

import io.mailroute.avro.DeadLetter;
import io.mailroute.avro.MailStatus;
import io.mailroute.avro.RetryMail;
import io.mailroute.runtime.client.Resubmitter;
import io.mailroute.runtime.client.TopicReader;
import io.mailroute.runtime.client.WaitingMails;
import io.mailroute.schemas.topics.MailTopics;
import io.mailroute.schemas.topics.Topic;
import java.time.Duration;
import java.util.List;
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
    private final StatusLookup statuses;
    private final Duration timeout;

    /**
     * @param statuses the current status of a mail, which says whether its retry record is still a wait
     */
    MailActions(
            final TopicReader reader,
            final MailTopics topics,
            final Resubmitter resubmitter,
            final StatusLookup statuses,
            final Duration timeout) {
        this.reader = reader;
        this.topics = topics;
        this.resubmitter = resubmitter;
        this.statuses = statuses;
        this.timeout = timeout;
    }

    /** Re-publishes a dead-lettered mail (its latest dead letter) with attempt + 1. */
    Views.Resubmitted retryDeadLetter(final String mailId) {
        final DeadLetter letter = latest(topics.dlq(), mailId);
        if (letter == null) {
            throw new ApiException(404, "no dead letter for " + mailId);
        }
        final Resubmitter.Result result =
                resubmitter.resubmit(mailId, letter.getRaw(), topics.dlq().name(), letter.getAttempt());
        LOG.info("Re-published dead-lettered mail {} as attempt {}", mailId, result.attempt());
        return view(result, topics.dlq());
    }

    /**
     * Releases a mail waiting in {@code mail.retry} now: one transaction ends its wait (a tombstone) and
     * re-publishes it. Only a mail whose current status is RETRY_PENDING for the attempt its latest retry
     * record describes is waiting; any other is refused with 409, since releasing it would process it twice.
     */
    Views.Resubmitted releaseRetry(final String mailId) {
        final List<TopicReader.Entry<RetryMail>> records = reader.readAll(topics.retry(), mailId::equals, timeout);
        if (records.isEmpty()) {
            throw new ApiException(404, "no mail waited in " + topics.retry().name() + " under " + mailId);
        }
        final RetryMail waiting = records.get(records.size() - 1).value();
        final MailStatus status = current(mailId);
        if (!WaitingMails.isWaiting(waiting, status)) {
            throw new ApiException(
                    409, mailId + " is not waiting to be retried: " + WaitingMails.notWaitingReason(waiting, status));
        }
        final Resubmitter.Result result = resubmitter.release(mailId, waiting);
        LOG.info("Released waiting mail {} as attempt {}", mailId, result.attempt());
        return view(result, topics.retry());
    }

    private MailStatus current(final String mailId) {
        final StatusLookup.Result result = statuses.find(mailId);
        if (result instanceof StatusLookup.Result.Found found) {
            return found.status();
        }
        if (result instanceof StatusLookup.Result.HostedElsewhere elsewhere) {
            throw new ApiException(
                    503,
                    "the status of " + mailId + " is kept by the instance at " + elsewhere.host()
                            + ": release it there");
        }
        if (result instanceof StatusLookup.Result.Unavailable unavailable) {
            throw new ApiException(503, "the status of " + mailId + " cannot be checked now: " + unavailable.reason());
        }
        return null;
    }

    /** The latest value under {@code key}, null when there is none or the latest is a tombstone. */
    private <V> V latest(final Topic<String, V> topic, final String key) {
        final List<TopicReader.Entry<V>> entries = reader.readAll(topic, key::equals, timeout);
        return entries.isEmpty() ? null : entries.get(entries.size() - 1).value();
    }

    private static Views.Resubmitted view(final Resubmitter.Result result, final Topic<String, ?> from) {
        return new Views.Resubmitted(
                result.mailId(), result.attempt(), from.name(), result.origin().name());
    }
}
