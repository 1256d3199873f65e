package io.mailroute.topology.bounce;

import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.DataInputStream;
import java.io.DataOutputStream;
import java.io.IOException;
import java.util.Arrays;
import org.apache.kafka.common.errors.SerializationException;
import org.apache.kafka.common.serialization.Serde;
import org.apache.kafka.common.serialization.Serdes;

/**
 * The recent soft bounces of one address: the arrival times (ascending, at most the number that
 * suppresses) and the last mail counted, so a mail reported to several owners counts once.
 */
record SoftBounces(String lastMailId, long[] times) {
    private static final byte VERSION = 1;

    /** These bounces plus one at {@code at} from {@code mailId}, without those older than {@code since}, keeping the newest {@code max}. */
    SoftBounces plus(final String mailId, final long at, final long since, final int max) {
        final long[] kept = Arrays.stream(times).filter(t -> t >= since).toArray();
        final long[] all = Arrays.copyOf(kept, kept.length + 1);
        all[kept.length] = at;
        Arrays.sort(all);
        return new SoftBounces(mailId, all.length <= max ? all : Arrays.copyOfRange(all, all.length - max, all.length));
    }

    /** The newest bounce time, or {@link Long#MIN_VALUE} when there is none. */
    long newest() {
        return times.length == 0 ? Long.MIN_VALUE : times[times.length - 1];
    }

    static Serde<SoftBounces> serde() {
        return Serdes.serdeFrom(
                (topic, soft) -> soft == null ? null : write(soft),
                (topic, bytes) -> bytes == null ? null : read(bytes));
    }

    private static byte[] write(final SoftBounces soft) {
        final ByteArrayOutputStream bytes = new ByteArrayOutputStream(32 + 8 * soft.times.length);
        try (DataOutputStream out = new DataOutputStream(bytes)) {
            out.writeByte(VERSION);
            out.writeUTF(soft.lastMailId);
            out.writeInt(soft.times.length);
            for (final long time : soft.times) {
                out.writeLong(time);
            }
        } catch (IOException e) {
            throw new SerializationException("Cannot write soft bounces", e);
        }
        return bytes.toByteArray();
    }

    private static SoftBounces read(final byte[] bytes) {
        try (DataInputStream in = new DataInputStream(new ByteArrayInputStream(bytes))) {
            if (in.readByte() != VERSION) {
                throw new SerializationException("Unknown soft-bounce format");
            }
            final String lastMailId = in.readUTF();
            final long[] times = new long[in.readInt()];
            for (int i = 0; i < times.length; i++) {
                times[i] = in.readLong();
            }
            return new SoftBounces(lastMailId, times);
        } catch (IOException e) {
            throw new SerializationException("Cannot read soft bounces", e);
        }
    }
}
