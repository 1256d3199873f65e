package io.mailroute.connectors.s3;

import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ConcurrentMap;
import org.apache.kafka.connect.storage.OffsetStorageReader;

/**
 * Decides, for every listed object, whether it still has to be read. An object is done when its
 * committed offset records the listed upload; objects whose record is on its way (emitted, not yet
 * committed and finished) are never handed out twice, and objects finished during this task's
 * life are remembered so that they are not looked up again on every pass.
 *
 * <p>Only {@link #acknowledged} runs off the task thread (the producer's callback thread in
 * at-least-once mode); everything else runs on the task thread.
 */
final class ObjectProgress {
    /** An object whose listed upload is committed but that this task has not finished (e.g. after a restart). */
    record Committed(ObjectRef ref, ObjectOffset offset) {}

    /** One page sorted: objects to read, and committed objects whose after-read action may still be due. */
    record Triage(List<ObjectVersion> toRead, List<Committed> committed) {}

    private final OffsetStorageReader offsets;
    private final String bucket;
    private final Set<String> inFlight = ConcurrentHashMap.newKeySet();
    private final Map<String, ObjectOffset> finished = new HashMap<>();
    private final ConcurrentMap<String, Instant> waiting = new ConcurrentHashMap<>();
    private final Set<String> seenThisPass = new HashSet<>();

    ObjectProgress(final OffsetStorageReader offsets, final String bucket) {
        this.offsets = offsets;
        this.bucket = bucket;
    }

    Triage triage(final List<ObjectVersion> page) {
        final List<ObjectVersion> candidates = new ArrayList<>();
        for (final ObjectVersion object : page) {
            seenThisPass.add(object.key());
            if (!inFlight.contains(object.key()) && !object.isRecordedBy(finished.get(object.key()))) {
                candidates.add(object);
            }
        }
        final List<ObjectVersion> toRead = new ArrayList<>();
        final List<Committed> done = new ArrayList<>();
        if (candidates.isEmpty()) {
            return new Triage(toRead, done);
        }
        final List<Map<String, String>> partitions = candidates.stream()
                .map(o -> ObjectOffset.partition(new ObjectRef(bucket, o.key())))
                .toList();
        final Map<Map<String, String>, Map<String, Object>> committed = offsets.offsets(partitions);
        for (int i = 0; i < candidates.size(); i++) {
            final ObjectVersion object = candidates.get(i);
            final ObjectOffset offset = ObjectOffset.fromMap(committed.get(partitions.get(i)));
            if (object.isRecordedBy(offset)) {
                waiting.remove(object.key());
                done.add(new Committed(new ObjectRef(bucket, object.key()), offset));
            } else {
                waiting.putIfAbsent(object.key(), object.lastModified());
                toRead.add(object);
            }
        }
        return new Triage(toRead, done);
    }

    /** The committed offset of one object, looked up now. */
    ObjectOffset committedOffset(final ObjectRef ref) {
        return ObjectOffset.fromMap(offsets.offset(ObjectOffset.partition(ref)));
    }

    /** A record for {@code version} was handed to the worker. */
    void emitted(final ObjectVersion version) {
        inFlight.add(version.key());
    }

    /** A committed object whose after-read action is queued (found by a pass after a restart). */
    void finishing(final String key) {
        inFlight.add(key);
    }

    /** The worker acknowledged (committed) the record of {@code key}; may run on the producer's thread. */
    void acknowledged(final String key) {
        waiting.remove(key);
    }

    /** The object's record is committed and its after-read action done. */
    void finished(final String key, final ObjectOffset offset) {
        inFlight.remove(key);
        waiting.remove(key);
        finished.put(key, offset);
    }

    /** At the end of a pass, forgets objects that are no longer listed (moved, deleted, or owned by another task now). */
    void endPass() {
        finished.keySet().retainAll(seenThisPass);
        waiting.keySet().removeIf(key -> !seenThisPass.contains(key) && !inFlight.contains(key));
        seenThisPass.clear();
    }

    boolean isInFlight(final String key) {
        return inFlight.contains(key);
    }

    int inFlight() {
        return inFlight.size();
    }

    /** The last-modified time of the oldest listed object whose record is not committed yet. */
    Optional<Instant> oldestWaiting() {
        return waiting.values().stream().min(Instant::compareTo);
    }
}
