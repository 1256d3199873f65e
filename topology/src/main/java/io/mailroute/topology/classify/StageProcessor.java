package io.mailroute.topology.classify;

import org.apache.kafka.streams.processor.api.FixedKeyProcessor;
import org.apache.kafka.streams.processor.api.FixedKeyProcessorContext;
import org.apache.kafka.streams.processor.api.FixedKeyProcessorSupplier;
import org.apache.kafka.streams.processor.api.FixedKeyRecord;

/** A stateless stage as a processor: it needs the task's wall clock for the records it writes. */
final class StageProcessor<I, O> implements FixedKeyProcessor<String, I, O> {

    /** The work of one stage: a value and the current time in, the stage's result out. */
    @FunctionalInterface
    interface Stage<I, O> {
        O apply(I value, long now);
    }

    private final Stage<I, O> stage;
    private FixedKeyProcessorContext<String, O> context;

    private StageProcessor(final Stage<I, O> stage) {
        this.stage = stage;
    }

    static <I, O> FixedKeyProcessorSupplier<String, I, O> supplier(final Stage<I, O> stage) {
        return () -> new StageProcessor<>(stage);
    }

    @Override
    public void init(final FixedKeyProcessorContext<String, O> context) {
        this.context = context;
    }

    @Override
    public void process(final FixedKeyRecord<String, I> record) {
        context.forward(record.withValue(stage.apply(record.value(), context.currentSystemTimeMs())));
    }
}
