package io.mailroute.runtime.status;

import io.mailroute.avro.ClassifiedMail;
import io.mailroute.avro.Lane;
import io.micrometer.core.instrument.FunctionCounter;
import io.micrometer.core.instrument.MeterRegistry;
import java.time.Clock;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.Deque;
import java.util.EnumMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicLong;

/**
 * What the lane watcher has seen: records per lane and per lane and rule (also as the Prometheus
 * counters {@value #LANE_METER} and {@value #RULE_METER}), per-lane rates by record time, and a
 * bounded list of the most recent lane records.
 */
final class LaneCounts {
    static final String LANE_METER = "mailroute.lane.records";
    static final String RULE_METER = "mailroute.rule.records";
    static final String UNDECODABLE_METER = "mailroute.lane.undecodable";
    /** The rule tag of records routed without a rule (a verdict quarantine). */
    static final String NO_RULE = "none";

    private record RuleKey(Lane lane, String ruleId) {}

    private final MeterRegistry registry;
    private final Clock clock;
    private final int recentLimit;
    private final Map<Lane, AtomicLong> perLane = new EnumMap<>(Lane.class);
    private final Map<Lane, LaneRateWindow> rates = new EnumMap<>(Lane.class);
    private final Map<RuleKey, AtomicLong> perRule = new ConcurrentHashMap<>();
    private final AtomicLong undecodable = new AtomicLong();
    private final Deque<Views.LaneMail> recent = new ArrayDeque<>();

    LaneCounts(final List<Lane> lanes, final MeterRegistry registry, final Clock clock, final int recentLimit) {
        this.registry = registry;
        this.clock = clock;
        this.recentLimit = recentLimit;
        for (final Lane lane : lanes) {
            final AtomicLong count = new AtomicLong();
            perLane.put(lane, count);
            rates.put(lane, new LaneRateWindow());
            FunctionCounter.builder(LANE_METER, count, AtomicLong::doubleValue)
                    .description("Records seen on a lane topic")
                    .tag("lane", lane.name())
                    .register(registry);
        }
        FunctionCounter.builder(UNDECODABLE_METER, undecodable, AtomicLong::doubleValue)
                .description("Lane records that could not be decoded")
                .register(registry);
    }

    /** The lanes counted, in order. */
    List<Lane> lanes() {
        return List.copyOf(perLane.keySet());
    }

    void add(final Lane lane, final ClassifiedMail mail, final long timestampMs) {
        perLane.get(lane).incrementAndGet();
        rates.get(lane).record(timestampMs, clock.millis());
        final String ruleId = mail.getRuleId() == null ? NO_RULE : mail.getRuleId();
        perRule.computeIfAbsent(new RuleKey(lane, ruleId), this::ruleCounter).incrementAndGet();
        synchronized (recent) {
            recent.addFirst(Views.LaneMail.of(mail, timestampMs));
            while (recent.size() > recentLimit) {
                recent.removeLast();
            }
        }
    }

    void addUndecodable() {
        undecodable.incrementAndGet();
    }

    private AtomicLong ruleCounter(final RuleKey key) {
        final AtomicLong count = new AtomicLong();
        FunctionCounter.builder(RULE_METER, count, AtomicLong::doubleValue)
                .description("Records seen on a lane topic per matching rule")
                .tag("lane", key.lane().name())
                .tag("rule", key.ruleId())
                .register(registry);
        return count;
    }

    /** Counts and rates per lane, counts per lane and rule (highest first). */
    Views.Lanes snapshot(final Map<Lane, String> topicNames) {
        final long now = clock.millis();
        final List<Views.LaneView> lanes = new ArrayList<>();
        perLane.forEach((lane, count) -> lanes.add(new Views.LaneView(
                lane.name(),
                topicNames.get(lane),
                count.get(),
                rates.get(lane).perMinute(60, now),
                rates.get(lane).perMinute(LaneRateWindow.SECONDS, now))));
        final List<Views.RuleCount> rules = new ArrayList<>();
        perRule.forEach((key, count) -> rules.add(new Views.RuleCount(key.lane().name(), key.ruleId(), count.get())));
        rules.sort(Comparator.comparingLong(Views.RuleCount::count)
                .reversed()
                .thenComparing(Views.RuleCount::lane)
                .thenComparing(Views.RuleCount::ruleId));
        return new Views.Lanes(lanes, rules, undecodable.get());
    }

    /** The most recent lane records, newest first. */
    List<Views.LaneMail> recent() {
        synchronized (recent) {
            return List.copyOf(recent);
        }
    }
}
