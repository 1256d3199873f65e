package io.mailroute.topology.classify;

import io.mailroute.avro.Stage;
import io.mailroute.topology.attempt.MailAttempt;
import io.mailroute.topology.attempt.MailDecision;
import io.mailroute.topology.attempt.Outcomes;
import io.mailroute.topology.attempt.StageResult;
import io.mailroute.topology.budget.BudgetExceededException;
import io.mailroute.topology.budget.MailBudget;
import io.mailroute.topology.budget.UnfinishedAttempts;
import java.time.Duration;
import java.util.function.Function;
import java.util.function.Supplier;

/**
 * Confines what one mail can do to a stream thread to that mail: its content stages run under the
 * attempt's {@link MailBudget}, and a stage that overruns it, or overflows the stack, makes the
 * mail a dead letter instead of stalling or killing the thread. An attempt that has killed two
 * threads anyway ({@link UnfinishedAttempts}) is dead-lettered before it is read a third time.
 */
final class MailGuard {
    static final String BUDGET_EXCEEDED = "mailroute:budget-exceeded";
    static final String STACK_OVERFLOW = "mailroute:stack-overflow";
    static final String KILLED_THREADS = "mailroute:killed-stream-threads";

    private final Duration budget;
    private final Outcomes outcomes;
    private final UnfinishedAttempts unfinished;

    MailGuard(final Duration budget, final Outcomes outcomes, final UnfinishedAttempts unfinished) {
        this.budget = budget;
        this.outcomes = outcomes;
        this.unfinished = unfinished;
    }

    /** Identifies an attempt across stages and re-reads: mail id, re-publication and retry attempt. */
    static String key(final MailAttempt attempt) {
        return attempt.mailId() + "#" + attempt.mail().getAttempt() + "/" + attempt.number();
    }

    /**
     * Begins the attempt's first content stage: its dead letter when it has killed two stream threads
     * already, else null and the attempt counts as begun until {@link #finish}.
     */
    MailDecision begin(final MailAttempt attempt, final Stage stage, final long now) {
        final int deaths = unfinished.begin(key(attempt));
        if (deaths < UnfinishedAttempts.DEATHS_TO_DEAD_LETTER) {
            return null;
        }
        unfinished.finish(key(attempt));
        return outcomes.deadLetter(
                attempt,
                stage,
                KILLED_THREADS,
                "processing this mail killed " + deaths + " stream threads; it is not read again",
                null,
                null,
                now);
    }

    /** The attempt's stages returned: it no longer counts as begun. */
    void finish(final MailAttempt attempt) {
        unfinished.finish(key(attempt));
    }

    /** Runs {@code work} under the attempt's budget; a budget overrun or stack overflow becomes a dead letter of {@code stage}. */
    <T> StageResult<T> next(
            final MailAttempt attempt, final Stage stage, final long now, final Supplier<StageResult<T>> work) {
        return guarded(attempt, stage, now, work, StageResult::done);
    }

    /** Runs the attempt's last stage under its budget, as {@link #next} does. */
    MailDecision decide(
            final MailAttempt attempt, final Stage stage, final long now, final Supplier<MailDecision> work) {
        return guarded(attempt, stage, now, work, Function.identity());
    }

    /** Enters the attempt's budget, for stages that hand on within it. */
    MailBudget enter(final MailAttempt attempt) {
        return MailBudget.enter(key(attempt), budget);
    }

    private <T> T guarded(
            final MailAttempt attempt,
            final Stage stage,
            final long now,
            final Supplier<T> work,
            final Function<MailDecision, T> failed) {
        try (MailBudget running = enter(attempt)) {
            try {
                final T result = work.get();
                // a check inside the stage may have thrown and been swallowed by code that tolerates failures
                return running.exceeded() ? failed.apply(overrun(attempt, stage, now, running)) : result;
            } catch (BudgetExceededException e) {
                return failed.apply(overrun(attempt, stage, now, running));
            } catch (StackOverflowError e) {
                return failed.apply(stackOverflow(attempt, stage, now));
            }
        }
    }

    private MailDecision overrun(
            final MailAttempt attempt, final Stage stage, final long now, final MailBudget running) {
        return outcomes.deadLetter(
                attempt,
                stage,
                BUDGET_EXCEEDED,
                "stage " + stage + " used up the mail's budget of " + running.budgetMillis()
                        + " ms on the stream thread",
                null,
                null,
                now);
    }

    private MailDecision stackOverflow(final MailAttempt attempt, final Stage stage, final long now) {
        return outcomes.deadLetter(
                attempt,
                stage,
                STACK_OVERFLOW,
                "stage " + stage + " overflowed the stack on this mail (nesting or repetition too deep)",
                null,
                null,
                now);
    }
}
