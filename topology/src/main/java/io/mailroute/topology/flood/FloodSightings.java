package io.mailroute.topology.flood;

import io.mailroute.topology.attempt.ParsedAttempt;
import io.mailroute.topology.attempt.StageResult;
import io.mailroute.topology.config.FloodPolicy;
import io.mailroute.topology.lookup.Lookups;
import io.mailroute.topology.owner.OwnerIndex;
import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.Map;
import org.apache.kafka.streams.processor.Cancellable;
import org.apache.kafka.streams.processor.PunctuationType;
import org.apache.kafka.streams.processor.api.Processor;
import org.apache.kafka.streams.processor.api.ProcessorContext;
import org.apache.kafka.streams.processor.api.Record;

/**
 * Tallies the flood keys of each parsed first attempt per key and window, and forwards each tally
 * as one {@link FloodSighting} keyed by the flood key, so that every key is counted in one task
 * whatever partition its mails arrived on, with one repartition record per key and time slice
 * instead of one per mail and key. The tallies go out every {@link #SLICE} of stream time (while
 * mail flows) and of wall-clock time (when it stops; that clock runs only while tallies wait, since
 * every wall-clock punctuation makes its task commit, and an idle stack should not commit each
 * second); a tally that reaches a hundredth of the quota
 * goes out at once, so that a flooder is not flagged later for the tallying, and all go out when
 * {@link #MAX_KEYS} keys are pending, which bounds the memory a flood of distinct senders takes.
 * Retries were counted on their first attempt and are skipped.
 *
 * <p>The tallies are kept in memory: those a task holds when it crashes or moves are lost (per key,
 * less than a hundredth of the quota and a slice of mail), while the attempts they counted are
 * committed. A flooder is then flagged that many mails later; nothing else depends on the counts.
 */
final class FloodSightings implements Processor<String, StageResult<ParsedAttempt>, String, FloodSighting> {
    /** Longest a tally is held before it is forwarded. */
    static final Duration SLICE = Duration.ofSeconds(1);
    /** Most keys tallied at once. */
    static final int MAX_KEYS = 10_000;

    private final FloodPolicy policy;
    private final Lookups lookups;
    private final long forwardAt;
    private final Map<Window, FloodSighting> tallies = new LinkedHashMap<>();
    private ProcessorContext<String, FloodSighting> context;
    private OwnerIndex owners;
    private Cancellable wallClock;

    /** A flood key's window. */
    private record Window(String key, long start) {}

    FloodSightings(final FloodPolicy policy, final Lookups lookups) {
        this.policy = policy;
        this.lookups = lookups;
        this.forwardAt = Math.max(1, policy.quota() / 100);
    }

    @Override
    public void init(final ProcessorContext<String, FloodSighting> context) {
        this.context = context;
        this.owners = lookups.owners(context);
        context.schedule(SLICE, PunctuationType.STREAM_TIME, this::forwardAll);
    }

    @Override
    public void process(final Record<String, StageResult<ParsedAttempt>> record) {
        if (!(record.value() instanceof StageResult.Next<ParsedAttempt> next)
                || next.value().attempt().previous() != null) {
            return;
        }
        final ParsedAttempt parsed = next.value();
        final String mailId = parsed.attempt().mailId();
        final long arrived = parsed.attempt().mail().getReceivedAt().toEpochMilli();
        final long windowStart = policy.windowStart(arrived);
        for (final Map.Entry<String, String> key :
                FloodKeys.of(parsed.mail(), owners, policy).entrySet()) {
            final Window window = new Window(key.getKey(), windowStart);
            final FloodSighting tally = tallies.merge(
                    window,
                    new FloodSighting(mailId, arrived, key.getValue(), 1),
                    (tallied, one) -> tallied.plusOne(mailId));
            if (tally.count() >= forwardAt) {
                tallies.remove(window);
                context.forward(new Record<>(window.key(), tally, record.timestamp()));
            }
        }
        if (tallies.size() >= MAX_KEYS) {
            forwardAll(record.timestamp());
        }
        if (!tallies.isEmpty() && wallClock == null) {
            wallClock = context.schedule(
                    SLICE, PunctuationType.WALL_CLOCK_TIME, now -> forwardAll(context.currentStreamTimeMs()));
        }
    }

    private void forwardAll(final long timestamp) {
        tallies.forEach((window, sighting) -> context.forward(new Record<>(window.key(), sighting, timestamp)));
        tallies.clear();
        if (wallClock != null) {
            wallClock.cancel();
            wallClock = null;
        }
    }
}
