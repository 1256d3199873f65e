package io.mailroute.topology.bounce;

import io.mailroute.avro.SentCount;
import java.time.Duration;
import org.apache.kafka.streams.processor.api.Processor;
import org.apache.kafka.streams.processor.api.ProcessorContext;
import org.apache.kafka.streams.processor.api.Record;
import org.apache.kafka.streams.state.KeyValueStore;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Keeps the sent counts of {@code mail.sent-counts} per rate scope, for {@link BounceRateProcessor}
 * to divide by. A count for the same interval replaces the earlier one; counts that ended a day and
 * a rate window before the scope's newest are dropped. A count of an unknown scope, a negative count
 * or an interval that ends before it starts is skipped with a warning.
 */
final class SentCountProcessor implements Processor<String, SentCount, Void, Void> {
    private static final Logger log = LoggerFactory.getLogger(SentCountProcessor.class);

    private final String storeName;
    private final long keep;
    private KeyValueStore<String, SentSeries> sent;

    SentCountProcessor(final String storeName, final Duration rateWindow) {
        this.storeName = storeName;
        this.keep = rateWindow.plus(Duration.ofDays(1)).toMillis();
    }

    @Override
    public void init(final ProcessorContext<Void, Void> context) {
        this.sent = context.getStateStore(storeName);
    }

    @Override
    public void process(final Record<String, SentCount> record) {
        final SentCount count = record.value();
        if (count == null) {
            return;
        }
        final String scope = RateScope.of(count);
        final long start = count.getWindowStart().toEpochMilli();
        final long end = count.getWindowEnd().toEpochMilli();
        if (scope == null || count.getCount() < 0 || end <= start) {
            log.warn(
                    "Skipping sent count {} {} of {} for [{}, {}): unknown scope, negative count or empty interval",
                    count.getScope(),
                    count.getId(),
                    count.getCount(),
                    count.getWindowStart(),
                    count.getWindowEnd());
            return;
        }
        final SentSeries before = sent.get(scope);
        sent.put(
                scope,
                (before == null ? SentSeries.NONE : before)
                        .with(new SentSeries.Interval(start, end, count.getCount()), keep));
    }
}
