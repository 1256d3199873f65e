package io.mailroute.connectors.s3;

import io.mailroute.connectors.s3.ObjectOffset.Outcome;
import io.mailroute.connectors.s3.ObjectProgress.Committed;
import io.mailroute.connectors.s3.S3Objects.Copy;
import io.mailroute.s3.ClaimChecks;
import io.mailroute.s3.ClaimChecks.CheckedObject;
import io.mailroute.s3.S3Failure;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Deque;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Queue;
import java.util.Set;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import org.apache.kafka.common.utils.Time;
import org.apache.kafka.connect.errors.ConnectException;
import org.apache.kafka.connect.source.SourceRecord;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The task's loop: finish what was committed, take the objects notifications name (notifications
 * mode) and list the next page when the queue is empty, read the queued objects into records.
 * A notification's message is released once its object is done: committed, or nothing to read. Errors are classified once, by the s3 module
 * ({@link S3Failure.Kind}); the connector's policy (s3/README.md has every user's): TRANSIENT backs
 * off and leaves the object to the next attempt, NOT_FOUND dead-letters an object that vanished,
 * CHANGED leaves the new upload to the next pass, PERMANENT dead-letters the object, and
 * ACCESS_DENIED, NO_SUCH_BUCKET and MISCONFIGURED fail the task: no object can be read until the
 * configuration is fixed.
 */
final class MailIngestor {
    private static final Logger log = LoggerFactory.getLogger(MailIngestor.class);
    private static final long MAX_WAIT_MS = 1_000L;
    private static final int MAX_PAGES_PER_POLL = 10;

    private final S3MailSourceConfig config;
    private final ObjectScanner scanner;
    private final ObjectProgress progress;
    private final ClaimChecks claimChecks;
    private final AfterReadActions actions;
    private final MailRecords records;
    private final S3MailMetrics metrics;
    private final Time time;
    private final Backoff backoff;
    private final Optional<ObjectNotifications> notifications;
    private final S3Objects s3;
    private final Map<String, ObjectVersion> queue = new LinkedHashMap<>();
    private final Queue<Committed> committed = new ConcurrentLinkedQueue<>();
    private final Deque<Committed> finishing = new ArrayDeque<>();
    private final CountDownLatch stopping = new CountDownLatch(1);
    private long nextPassMs;

    MailIngestor(
            final S3MailSourceConfig config,
            final ObjectScanner scanner,
            final Optional<ObjectNotifications> notifications,
            final S3Objects s3,
            final ObjectProgress progress,
            final ClaimChecks claimChecks,
            final AfterReadActions actions,
            final MailRecords records,
            final S3MailMetrics metrics,
            final Time time) {
        this.config = config;
        this.scanner = scanner;
        this.notifications = notifications;
        this.s3 = s3;
        this.progress = progress;
        this.claimChecks = claimChecks;
        this.actions = actions;
        this.records = records;
        this.metrics = metrics;
        this.time = time;
        this.backoff = new Backoff(config.initialBackoff(), config.maxBackoff());
        // notified objects wait in the queue while no task runs: the safety net's first pass can wait its interval
        this.nextPassMs = time.milliseconds()
                + (notifications.isPresent() ? config.listingInterval().toMillis() : 0L);
    }

    /** Records for the worker, or null after waiting a little when there is nothing to do yet. */
    List<SourceRecord> poll() throws InterruptedException {
        final long waitMs = backoff.remainingMs(time.milliseconds());
        if (waitMs > 0) {
            pause(waitMs);
            return null;
        }
        try {
            finishCommitted();
            if (!fillQueue()) {
                // a notifications task waited in its long poll already
                if (!scanner.inPass() && notifications.isEmpty()) {
                    pause(nextPassMs - time.milliseconds());
                }
                return null;
            }
            final List<SourceRecord> batch = readBatch();
            return batch.isEmpty() ? null : batch;
        } catch (S3Failure e) {
            if (e.kind() != S3Failure.Kind.TRANSIENT) {
                throw new ConnectException("S3 mail source cannot continue: " + e.getMessage(), e);
            }
            transientFailure(e);
            return null;
        }
    }

    /** The worker acknowledged {@code record}: with exactly-once support, its transaction committed. */
    void committed(final SourceRecord record) {
        final ObjectRef ref = ObjectOffset.refOf(record.sourcePartition());
        progress.acknowledged(ref.key());
        committed.add(new Committed(ref, ObjectOffset.fromMap(record.sourceOffset())));
    }

    void stop() {
        stopping.countDown();
    }

    private void pause(final long ms) throws InterruptedException {
        if (ms > 0) {
            stopping.await(Math.min(ms, MAX_WAIT_MS), TimeUnit.MILLISECONDS);
        }
    }

    /**
     * Runs the after-read actions of committed records, in order, up to {@link S3Objects#MAX_BATCH_DELETE}
     * at a time; a transient failure keeps them and the rest for later.
     */
    private void finishCommitted() {
        for (Committed next = committed.poll(); next != null; next = committed.poll()) {
            finishing.add(next);
        }
        while (!finishing.isEmpty()) {
            final List<Committed> batch =
                    finishing.stream().limit(S3Objects.MAX_BATCH_DELETE).toList();
            actions.finish(batch);
            for (final Committed done : batch) {
                finishing.remove();
                progress.finished(done.ref().key(), done.offset());
                notifications.ifPresent(n -> n.release(done.ref().key()));
                if (actions.hasWorkAfterCommit(done.offset())) {
                    metrics.afterReadDone();
                }
            }
        }
    }

    /**
     * Takes the objects notifications name, then lists pages until there is something to read, the
     * pass ends or a few pages were listed; false when the queue is still empty.
     */
    private boolean fillQueue() {
        if (queue.isEmpty()) {
            notifications.ifPresent(this::takeNotified);
        }
        for (int pages = 0; queue.isEmpty() && pages < MAX_PAGES_PER_POLL; pages++) {
            if (!scanner.inPass()) {
                final long now = time.milliseconds();
                if (now < nextPassMs) {
                    return false;
                }
                scanner.startPass();
                nextPassMs = now + config.listingInterval().toMillis();
            }
            final ObjectProgress.Triage triage = progress.triage(scanner.nextPage());
            backoff.succeeded();
            enqueue(triage);
            if (!scanner.inPass()) {
                progress.endPass();
            }
        }
        return !queue.isEmpty();
    }

    /**
     * Queues the objects of one triage that are to be read (once, however often they were listed
     * or notified) and sorts out the committed ones.
     */
    private void enqueue(final ObjectProgress.Triage triage) {
        for (final Committed done : triage.committed()) {
            if (actions.hasWorkAfterCommit(done.offset())) {
                progress.finishing(done.ref().key());
                finishing.add(done);
            } else {
                progress.finished(done.ref().key(), done.offset());
            }
        }
        for (final ObjectVersion object : triage.toRead()) {
            queue.putIfAbsent(object.key(), object);
        }
    }

    /**
     * Looks up the current version of every object the next notifications name and queues those
     * not read yet. Duplicate notifications and those of objects already committed are released at
     * once; those of objects on their way are released when their record commits.
     */
    private void takeNotified(final ObjectNotifications notified) {
        final Set<String> keys = notified.receive();
        final List<ObjectVersion> current = new ArrayList<>(keys.size());
        for (final String key : keys) {
            if (queue.containsKey(key) || progress.isInFlight(key)) {
                continue;
            }
            try {
                current.add(s3.head(new ObjectRef(config.bucket(), key)));
            } catch (S3Failure e) {
                if (e.kind() != S3Failure.Kind.NOT_FOUND) {
                    keys.stream()
                            .filter(k -> !queue.containsKey(k) && !progress.isInFlight(k))
                            .forEach(notified::abandon);
                    throw e;
                }
                log.info("{} was notified but is gone; deleting its notification", key);
                metrics.notificationVanished();
            }
        }
        enqueue(progress.triage(current));
        backoff.succeeded();
        for (final String key : keys) {
            if (!queue.containsKey(key) && !progress.isInFlight(key)) {
                notified.release(key);
            }
        }
    }

    /**
     * Reads queued objects into records. An object whose read fails transiently leaves the queue
     * without progress, so the next pass offers it again, and the batch ends there with a backoff.
     */
    private List<SourceRecord> readBatch() {
        final List<SourceRecord> batch = new ArrayList<>();
        long bytes = 0;
        while (!queue.isEmpty() && batch.size() < config.maxObjectsPerPoll() && bytes < config.maxPollBytes()) {
            final ObjectVersion object = removeFirst();
            final SourceRecord record;
            try {
                record = ingest(object);
            } catch (S3Failure e) {
                if (e.kind() == S3Failure.Kind.CHANGED) {
                    log.info("{} changed while it was handled; the new upload is read next", object.key());
                    notifications.ifPresent(n -> n.release(object.key()));
                    continue;
                }
                notifications.ifPresent(n -> n.abandon(object.key()));
                if (e.kind() != S3Failure.Kind.TRANSIENT) {
                    throw e;
                }
                transientFailure(e);
                return batch;
            }
            if (record != null) {
                batch.add(record);
                bytes += object.size() <= config.inlineMaxBytes() ? object.size() : 0;
            } else {
                notifications.ifPresent(n -> n.release(object.key()));
            }
        }
        backoff.succeeded();
        return batch;
    }

    private ObjectVersion removeFirst() {
        final Iterator<ObjectVersion> first = queue.values().iterator();
        final ObjectVersion object = first.next();
        first.remove();
        return object;
    }

    /** The record of one object, or null when there is nothing to emit (it was already handled elsewhere). */
    private SourceRecord ingest(final ObjectVersion listed) {
        final ObjectRef ref = new ObjectRef(config.bucket(), listed.key());
        if (listed.size() > config.maxObjectBytes()) {
            final S3Failure tooLarge = S3Failure.tooLarge(ref.toString(), listed.size(), config.maxObjectBytes());
            return deadLetter(ref, listed, tooLarge.errorClass(), tooLarge.getMessage());
        }
        final CheckedObject mail;
        final ObjectVersion version;
        final Copy location;
        try {
            mail = claimChecks.issue(ref.bucket(), ref.key(), config.inlineMaxBytes(), config.maxObjectBytes());
            version = ObjectVersion.read(mail);
            location = actions.stage(ref, version, mail.hasContent());
        } catch (S3Failure e) {
            return switch (e.kind()) {
                case NOT_FOUND -> vanished(ref, listed, e);
                case PERMANENT -> deadLetter(ref, listed, e.errorClass(), e.getMessage());
                case TRANSIENT, CHANGED, NO_SUCH_BUCKET, ACCESS_DENIED, MISCONFIGURED -> throw e;
            };
        }
        final Instant now = Instant.ofEpochMilli(time.milliseconds());
        final SourceRecord record = records.rawMail(ref, version, mail, location, now);
        progress.emitted(version);
        metrics.objectRead(version.size(), !mail.hasContent());
        return record;
    }

    private SourceRecord deadLetter(
            final ObjectRef ref, final ObjectVersion listed, final String errorClass, final String message) {
        final Instant now = Instant.ofEpochMilli(time.milliseconds());
        final AfterReadActions.Quarantine quarantine = actions.quarantine(ref, listed, errorClass, message, now);
        log.warn(
                "Dead-lettering {} to {}: {}; its bytes are at {} ({})",
                ref,
                config.dlqTopic(),
                message,
                quarantine.location().ref(),
                quarantine.outcome().wireName());
        final SourceRecord record = records.deadLetter(ref, listed, quarantine, errorClass, message, now);
        progress.emitted(listed);
        metrics.objectFailed();
        return record;
    }

    /**
     * Gone between listing and reading: fine if its progress was committed meanwhile or a
     * notification named it (its upload and removal were both notified, no mail was listed), else
     * dead-lettered.
     */
    private SourceRecord vanished(final ObjectRef ref, final ObjectVersion listed, final S3Failure e) {
        if (progress.committedOffset(ref) != null) {
            log.debug("{} is gone and was handled by an earlier task", ref);
            return null;
        }
        if (notifications.map(n -> n.holds(ref.key())).orElse(false)) {
            log.info("{} was notified but is gone; deleting its notification", ref);
            metrics.notificationVanished();
            return null;
        }
        final Instant now = Instant.ofEpochMilli(time.milliseconds());
        final String message = ref + " was listed but vanished before it could be read (" + e.errorCode() + ")";
        log.warn("Dead-lettering {} to {}: {}", ref, config.dlqTopic(), message);
        final AfterReadActions.Quarantine gone =
                new AfterReadActions.Quarantine(Outcome.VANISHED, new Copy(ref, listed.etag(), null));
        final SourceRecord record = records.deadLetter(ref, listed, gone, e.errorClass(), message, now);
        progress.emitted(listed);
        metrics.objectFailed();
        return record;
    }

    private void transientFailure(final S3Failure e) {
        metrics.transientError();
        final Duration wait = backoff.failed(time.milliseconds());
        log.warn("S3 call failed ({} in a row), retrying in {}: {}", backoff.failures(), wait, e.getMessage());
    }
}
