package io.mailroute.topology.bounce;

import io.mailroute.avro.Suppression;
import org.apache.kafka.streams.processor.api.Processor;
import org.apache.kafka.streams.processor.api.ProcessorContext;
import org.apache.kafka.streams.processor.api.Record;
import org.apache.kafka.streams.state.KeyValueStore;

/**
 * Honours removals from {@code mail.suppressions}: a tombstone (what {@code mailroute suppressions
 * remove} writes) forgets the address in the suppression, soft-bounce and unverified-bounce stores, so
 * the next bounce counts from nothing instead of resurrecting the old suppression and its count.
 * Suppressions the stage wrote itself come back here too and are ignored. Reads the topic keyed by
 * normalized address, like the bounces it shares the stores with; every topic of mailroute has the
 * same partition count ({@code mailroute topics apply}), so an address's tombstone reaches the task
 * that owns the address's bounces.
 */
final class SuppressionRemovalProcessor implements Processor<String, Suppression, Void, Void> {
    private final String suppressionStoreName;
    private final String softStoreName;
    private final String unverifiedStoreName;
    private KeyValueStore<String, Suppression> suppressed;
    private KeyValueStore<String, SoftBounces> soft;
    private KeyValueStore<String, UnverifiedBounces> unverified;

    SuppressionRemovalProcessor(
            final String suppressionStoreName, final String softStoreName, final String unverifiedStoreName) {
        this.suppressionStoreName = suppressionStoreName;
        this.softStoreName = softStoreName;
        this.unverifiedStoreName = unverifiedStoreName;
    }

    @Override
    public void init(final ProcessorContext<Void, Void> context) {
        this.suppressed = context.getStateStore(suppressionStoreName);
        this.soft = context.getStateStore(softStoreName);
        this.unverified = context.getStateStore(unverifiedStoreName);
    }

    @Override
    public void process(final Record<String, Suppression> record) {
        if (record.key() == null || record.value() != null) {
            return;
        }
        suppressed.delete(record.key());
        soft.delete(record.key());
        unverified.delete(record.key());
    }
}
