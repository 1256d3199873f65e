package io.mailroute.topology.budget;

import java.time.Duration;

/**
 * How long one mail attempt may hold a stream thread. A stage that works on a mail's content
 * enters the attempt's budget (starting it, or joining the one an earlier stage of the same record
 * started); loops over mail content and every pattern match call {@link #check()}, which throws
 * {@link BudgetExceededException} once the deadline has passed. The stage then turns the mail into
 * a dead letter and the thread moves on. Held per thread, since a stream thread works on one record
 * at a time: code deep inside the parser or the bounce classifier checks without the budget being
 * handed down to it.
 */
public final class MailBudget implements AutoCloseable {
    private static final ThreadLocal<MailBudget> CURRENT = new ThreadLocal<>();

    private final String attempt;
    private final long budgetNanos;
    private final long deadlineNanos;
    private int entered;
    private boolean exceeded;

    private MailBudget(final String attempt, final Duration budget) {
        this.attempt = attempt;
        this.budgetNanos = budget.toNanos();
        this.deadlineNanos = System.nanoTime() + budgetNanos;
    }

    /**
     * Enters the budget of {@code attempt} on this thread: the running one when an earlier stage of
     * the same record started it, else a new one of {@code budget}. Each enter is closed once; the
     * last close ends the budget.
     */
    public static MailBudget enter(final String attempt, final Duration budget) {
        MailBudget current = CURRENT.get();
        if (current == null || !current.attempt.equals(attempt)) {
            current = new MailBudget(attempt, budget);
            CURRENT.set(current);
        }
        current.entered++;
        return current;
    }

    /** Throws when the running budget of this thread is spent; does nothing where no budget runs. */
    public static void check() {
        final MailBudget current = CURRENT.get();
        if (current != null && current.passed()) {
            current.exceeded = true;
            throw new BudgetExceededException(current.budgetMillis());
        }
    }

    /** True once a {@link #check()} found the deadline passed, even where a caller swallowed the exception. */
    public boolean exceeded() {
        return exceeded;
    }

    /** The budget, in milliseconds. */
    public long budgetMillis() {
        return Duration.ofNanos(budgetNanos).toMillis();
    }

    @Override
    public void close() {
        if (--entered <= 0 && CURRENT.get() == this) {
            CURRENT.remove();
        }
    }

    private boolean passed() {
        return System.nanoTime() - deadlineNanos > 0;
    }
}
