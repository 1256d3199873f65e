package io.mailroute.topology.bounce;

import java.nio.ByteBuffer;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.OptionalDouble;
import org.apache.kafka.common.errors.SerializationException;
import org.apache.kafka.common.serialization.Serde;
import org.apache.kafka.common.serialization.Serdes;

/**
 * The recent sent counts of one rate scope: intervals (start inclusive, end exclusive, epoch
 * milliseconds) with the mails sent in each, ordered by start, at most {@link #MAX_INTERVALS}.
 */
record SentSeries(List<Interval> intervals) {
    static final SentSeries NONE = new SentSeries(List.of());
    /** Enough for a day of one-minute counts. */
    static final int MAX_INTERVALS = 1_440;

    private static final byte VERSION = 1;

    /**
     * Mails sent within {@code [start, end)}.
     *
     * @param start first millisecond
     * @param end   millisecond after the last
     * @param count mails sent
     */
    record Interval(long start, long end, long count) {}

    /**
     * These intervals with {@code added} (replacing an interval of the same bounds, so that a count
     * imported twice counts once), without those that ended {@code keep} milliseconds or more before
     * the newest one ended, and at most the newest {@link #MAX_INTERVALS}.
     */
    SentSeries with(final Interval added, final long keep) {
        final List<Interval> all = new ArrayList<>(intervals.size() + 1);
        intervals.stream()
                .filter(i -> i.start() != added.start() || i.end() != added.end())
                .forEach(all::add);
        all.add(added);
        final long newestEnd = all.stream().mapToLong(Interval::end).max().orElseThrow();
        all.removeIf(i -> i.end() <= newestEnd - keep);
        all.sort(Comparator.comparingLong(Interval::start).thenComparingLong(Interval::end));
        return new SentSeries(
                List.copyOf(all.size() <= MAX_INTERVALS ? all : all.subList(all.size() - MAX_INTERVALS, all.size())));
    }

    /**
     * Mails sent within {@code [from, to)}: each overlapping interval counts in proportion to its
     * overlap (sent counts are spread evenly over their interval). Empty when no interval overlaps,
     * that is when there are no sent counts for the window.
     */
    OptionalDouble sentWithin(final long from, final long to) {
        double sent = 0;
        boolean covered = false;
        for (final Interval interval : intervals) {
            final long overlap = Math.min(to, interval.end()) - Math.max(from, interval.start());
            if (overlap > 0) {
                covered = true;
                sent += (double) interval.count() * overlap / (interval.end() - interval.start());
            }
        }
        return covered ? OptionalDouble.of(sent) : OptionalDouble.empty();
    }

    static Serde<SentSeries> serde() {
        return Serdes.serdeFrom(
                (topic, series) -> series == null ? null : write(series),
                (topic, bytes) -> bytes == null ? null : read(bytes));
    }

    private static byte[] write(final SentSeries series) {
        final ByteBuffer out = ByteBuffer.allocate(1 + Integer.BYTES + series.intervals.size() * 3 * Long.BYTES);
        out.put(VERSION).putInt(series.intervals.size());
        series.intervals.forEach(i -> out.putLong(i.start()).putLong(i.end()).putLong(i.count()));
        return out.array();
    }

    private static SentSeries read(final byte[] bytes) {
        final ByteBuffer in = ByteBuffer.wrap(bytes);
        if (bytes.length < 1 + Integer.BYTES || in.get() != VERSION) {
            throw new SerializationException("Unknown sent-count format");
        }
        final int size = in.getInt();
        if (size < 0 || in.remaining() != size * 3 * Long.BYTES) {
            throw new SerializationException("Truncated sent counts");
        }
        final List<Interval> intervals = new ArrayList<>(size);
        for (int i = 0; i < size; i++) {
            intervals.add(new Interval(in.getLong(), in.getLong(), in.getLong()));
        }
        return new SentSeries(List.copyOf(intervals));
    }
}
