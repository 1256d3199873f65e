package io.mailroute.topology.bounce;

import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.DataInputStream;
import java.io.DataOutputStream;
import java.io.IOException;
import java.util.ArrayList;
import java.util.Collections;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.apache.kafka.common.errors.SerializationException;
import org.apache.kafka.common.serialization.Serde;
import org.apache.kafka.common.serialization.Serdes;

/**
 * The recent unverified bounces of one address: the newest arrival time per reporting domain, at
 * most {@link #MAX_DOMAINS} domains (the newest), so that a flood of reports from ever new domains
 * keeps the entry small.
 *
 * @param newestByDomain newest arrival time per reporting domain, newest first
 */
record UnverifiedBounces(Map<String, Long> newestByDomain) {
    /** No unverified bounce. */
    static final UnverifiedBounces NONE = new UnverifiedBounces(Map.of());

    private static final int MAX_DOMAINS = 4;
    private static final byte VERSION = 1;

    UnverifiedBounces {
        newestByDomain = Collections.unmodifiableMap(new LinkedHashMap<>(newestByDomain));
    }

    /** These bounces plus one from {@code domain} at {@code at}, without those older than {@code since}. */
    UnverifiedBounces plus(final String domain, final long at, final long since) {
        final Map<String, Long> all = new LinkedHashMap<>(newestByDomain);
        all.merge(domain, at, Math::max);
        final List<Map.Entry<String, Long>> kept = new ArrayList<>(all.entrySet());
        kept.removeIf(e -> e.getValue() < since);
        kept.sort(Map.Entry.<String, Long>comparingByValue(Comparator.reverseOrder())
                .thenComparing(Map.Entry.comparingByKey()));
        final Map<String, Long> newest = new LinkedHashMap<>();
        kept.stream().limit(MAX_DOMAINS).forEach(e -> newest.put(e.getKey(), e.getValue()));
        return new UnverifiedBounces(newest);
    }

    /** The reporting domains, newest first. */
    Set<String> domains() {
        return newestByDomain.keySet();
    }

    /** The newest bounce time, or {@link Long#MIN_VALUE} when there is none. */
    long newest() {
        return newestByDomain.values().stream().mapToLong(Long::longValue).max().orElse(Long.MIN_VALUE);
    }

    static Serde<UnverifiedBounces> serde() {
        return Serdes.serdeFrom(
                (topic, bounces) -> bounces == null ? null : write(bounces),
                (topic, bytes) -> bytes == null ? null : read(bytes));
    }

    private static byte[] write(final UnverifiedBounces bounces) {
        final ByteArrayOutputStream bytes = new ByteArrayOutputStream(64);
        try (DataOutputStream out = new DataOutputStream(bytes)) {
            out.writeByte(VERSION);
            out.writeInt(bounces.newestByDomain.size());
            for (final Map.Entry<String, Long> entry : bounces.newestByDomain.entrySet()) {
                out.writeUTF(entry.getKey());
                out.writeLong(entry.getValue());
            }
        } catch (IOException e) {
            throw new SerializationException("Cannot write unverified bounces", e);
        }
        return bytes.toByteArray();
    }

    private static UnverifiedBounces read(final byte[] bytes) {
        try (DataInputStream in = new DataInputStream(new ByteArrayInputStream(bytes))) {
            if (in.readByte() != VERSION) {
                throw new SerializationException("Unknown unverified-bounce format");
            }
            final int size = in.readInt();
            final Map<String, Long> newest = new LinkedHashMap<>();
            for (int i = 0; i < size; i++) {
                newest.put(in.readUTF(), in.readLong());
            }
            return new UnverifiedBounces(newest);
        } catch (IOException e) {
            throw new SerializationException("Cannot read unverified bounces", e);
        }
    }
}
