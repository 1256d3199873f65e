package io.mailroute.topology.attempt;

import java.util.function.Function;

/**
 * What a stage hands on: the value the next stage works with, or the mail's final
 * {@link MailDecision} when the stage already decided (a retry or a dead letter). Errors are
 * classified once, where they happen, into a decision; later stages pass it through untouched.
 */
public sealed interface StageResult<T> {

    static <T> StageResult<T> next(final T value) {
        return new Next<>(value);
    }

    static <T> StageResult<T> done(final MailDecision decision) {
        return new Done<>(decision);
    }

    /** Applies {@code stage} to the value, or passes a decision on. */
    <U> StageResult<U> then(Function<T, StageResult<U>> stage);

    /** The decision, given how to decide a value. */
    MailDecision decide(Function<T, MailDecision> last);

    /** Go on with {@code value}. */
    record Next<T>(T value) implements StageResult<T> {
        @Override
        public <U> StageResult<U> then(final Function<T, StageResult<U>> stage) {
            return stage.apply(value);
        }

        @Override
        public MailDecision decide(final Function<T, MailDecision> last) {
            return last.apply(value);
        }
    }

    /** Decided already. */
    record Done<T>(MailDecision decision) implements StageResult<T> {
        @Override
        public <U> StageResult<U> then(final Function<T, StageResult<U>> stage) {
            return new Done<>(decision);
        }

        @Override
        public MailDecision decide(final Function<T, MailDecision> last) {
            return decision;
        }
    }
}
