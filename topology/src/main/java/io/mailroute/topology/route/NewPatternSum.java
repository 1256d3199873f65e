package io.mailroute.topology.route;

import io.mailroute.avro.Alert;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;
import org.apache.kafka.streams.kstream.Reducer;

/** Sums the sightings of one new pattern: counts added, window widened, the latest sender kept, a few samples. */
final class NewPatternSum implements Reducer<Alert> {
    /** Mail ids kept as samples in an alert. */
    static final int SAMPLES = 5;

    @Override
    public Alert apply(final Alert total, final Alert sighting) {
        final Set<String> samples = new LinkedHashSet<>(total.getSampleMailIds());
        samples.addAll(sighting.getSampleMailIds());
        final List<String> kept = new ArrayList<>(samples).subList(0, Math.min(SAMPLES, samples.size()));
        return Alert.newBuilder(total)
                .setMessage(sighting.getMessage())
                .setCount(total.getCount() + sighting.getCount())
                .setTotal(null)
                .setRate(null)
                .setThreshold(null)
                .setWindowStart(min(total.getWindowStart(), sighting.getWindowStart()))
                .setWindowEnd(max(total.getWindowEnd(), sighting.getWindowEnd()))
                .setSampleMailIds(List.copyOf(kept))
                .setAttributes(sighting.getAttributes())
                .setRaisedAt(sighting.getRaisedAt())
                .build();
    }

    private static Instant min(final Instant a, final Instant b) {
        return a == null ? b : b == null || a.isBefore(b) ? a : b;
    }

    private static Instant max(final Instant a, final Instant b) {
        return a == null ? b : b == null || a.isAfter(b) ? a : b;
    }
}
