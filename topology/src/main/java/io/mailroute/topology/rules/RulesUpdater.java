package io.mailroute.topology.rules;

import io.mailroute.avro.Rule;
import io.mailroute.topology.support.Generation;
import org.apache.kafka.streams.processor.api.Processor;
import org.apache.kafka.streams.processor.api.ProcessorContext;
import org.apache.kafka.streams.processor.api.Record;
import org.apache.kafka.streams.state.KeyValueStore;

/**
 * Keeps the global rules store equal to the compacted {@code mail.rules} (keyed by rule id;
 * tombstone = rule removed) and bumps the rules {@link Generation} so that stream tasks recompile.
 */
public final class RulesUpdater implements Processor<String, Rule, Void, Void> {
    /** Name of the global store. */
    public static final String STORE = "rules-store";

    private final Generation generation;
    private KeyValueStore<String, Rule> store;

    public RulesUpdater(final Generation generation) {
        this.generation = generation;
    }

    @Override
    public void init(final ProcessorContext<Void, Void> context) {
        store = context.getStateStore(STORE);
    }

    @Override
    public void process(final Record<String, Rule> record) {
        if (record.value() == null) {
            store.delete(record.key());
        } else {
            store.put(record.key(), record.value());
        }
        generation.bump();
    }
}
