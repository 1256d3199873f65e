package io.mailroute.topology.bounce;

import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.DataInputStream;
import java.io.DataOutputStream;
import java.io.IOException;
import java.nio.ByteBuffer;
import java.util.ArrayDeque;
import java.util.Arrays;
import java.util.Deque;
import java.util.List;
import org.apache.kafka.common.errors.SerializationException;
import org.apache.kafka.common.serialization.Serde;
import org.apache.kafka.common.serialization.Serdes;

/**
 * Mails and bounces of one rate scope over a sliding window of {@link #BUCKETS} steps, as a ring
 * of per-step counters, with the alert level last reported. Fixed size, so adding a mail costs
 * the same however many mails the window holds.
 */
final class BounceRateWindow {
    /** Steps per window: the window slides by one step, a 60th of its length. */
    static final int BUCKETS = 60;

    private static final int SAMPLES = 3;
    private static final byte VERSION = 1;
    /** Version, newest step, level, the counters and the sample count; the samples follow (modified UTF-8, as DataOutput writes them). */
    private static final int FIXED_BYTES = 1 + Long.BYTES + 1 + 2 * BUCKETS * Long.BYTES + 1;

    private final long[] mails;
    private final long[] bounces;
    private final Deque<String> samples;
    private long newest;
    private RateLevel level;

    BounceRateWindow() {
        this(new long[BUCKETS], new long[BUCKETS], new ArrayDeque<>(SAMPLES), Long.MIN_VALUE, RateLevel.NONE);
    }

    private BounceRateWindow(
            final long[] mails,
            final long[] bounces,
            final Deque<String> samples,
            final long newest,
            final RateLevel level) {
        this.mails = mails;
        this.bounces = bounces;
        this.samples = samples;
        this.newest = newest;
        this.level = level;
    }

    /** Slides the window so that {@code step} is its newest step; steps that fall out are cleared. */
    void slideTo(final long step) {
        if (newest == Long.MIN_VALUE || step - newest >= BUCKETS) {
            Arrays.fill(mails, 0);
            Arrays.fill(bounces, 0);
            newest = step;
            return;
        }
        while (newest < step) {
            newest++;
            final int slot = slot(newest);
            mails[slot] = 0;
            bounces[slot] = 0;
        }
    }

    /** Counts a mail in the newest step (call {@link #slideTo} first). */
    void add(final RateSighting sighting) {
        final int slot = slot(newest);
        mails[slot]++;
        if (sighting.bounce()) {
            bounces[slot]++;
            if (samples.size() == SAMPLES) {
                samples.removeFirst();
            }
            samples.addLast(sighting.mailId());
        }
    }

    long mails() {
        long total = 0;
        for (final long count : mails) {
            total += count;
        }
        return total;
    }

    long bounces() {
        long total = 0;
        for (final long count : bounces) {
            total += count;
        }
        return total;
    }

    /** The newest step. */
    long newest() {
        return newest;
    }

    RateLevel level() {
        return level;
    }

    void level(final RateLevel reported) {
        this.level = reported;
    }

    /** The last few bounce mail ids, oldest first. */
    List<String> samples() {
        return List.copyOf(samples);
    }

    private static int slot(final long step) {
        return (int) Math.floorMod(step, (long) BUCKETS);
    }

    static Serde<BounceRateWindow> serde() {
        return Serdes.serdeFrom(
                (topic, window) -> window == null ? null : write(window),
                (topic, bytes) -> bytes == null ? null : read(bytes));
    }

    private static byte[] write(final BounceRateWindow window) {
        final byte[] samples = samplesBytes(window.samples);
        final ByteBuffer out = ByteBuffer.allocate(FIXED_BYTES + samples.length);
        out.put(VERSION).putLong(window.newest).put((byte) window.level.ordinal());
        for (int i = 0; i < BUCKETS; i++) {
            out.putLong(window.mails[i]).putLong(window.bounces[i]);
        }
        return out.put((byte) window.samples.size()).put(samples).array();
    }

    private static byte[] samplesBytes(final Deque<String> samples) {
        final ByteArrayOutputStream bytes = new ByteArrayOutputStream(64);
        try (DataOutputStream out = new DataOutputStream(bytes)) {
            for (final String sample : samples) {
                out.writeUTF(sample);
            }
        } catch (IOException e) {
            throw new SerializationException("Cannot write a bounce-rate window", e);
        }
        return bytes.toByteArray();
    }

    private static BounceRateWindow read(final byte[] bytes) {
        final ByteBuffer in = ByteBuffer.wrap(bytes);
        if (bytes.length < FIXED_BYTES || in.get() != VERSION) {
            throw new SerializationException("Unknown bounce-rate window format");
        }
        final long newest = in.getLong();
        final RateLevel level = RateLevel.values()[in.get()];
        final long[] mails = new long[BUCKETS];
        final long[] bounces = new long[BUCKETS];
        for (int i = 0; i < BUCKETS; i++) {
            mails[i] = in.getLong();
            bounces[i] = in.getLong();
        }
        final int count = in.get();
        final Deque<String> samples = new ArrayDeque<>(SAMPLES);
        try (DataInputStream sampleIn =
                new DataInputStream(new ByteArrayInputStream(bytes, in.position(), in.remaining()))) {
            for (int i = 0; i < count; i++) {
                samples.addLast(sampleIn.readUTF());
            }
        } catch (IOException e) {
            throw new SerializationException("Cannot read a bounce-rate window", e);
        }
        return new BounceRateWindow(mails, bounces, samples, newest, level);
    }
}
