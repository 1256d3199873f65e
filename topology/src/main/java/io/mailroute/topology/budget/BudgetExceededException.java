package io.mailroute.topology.budget;

/** Thrown by {@link MailBudget#check()} once a mail has used up its time on the stream thread. */
public final class BudgetExceededException extends RuntimeException {
    private static final long serialVersionUID = 1L;

    BudgetExceededException(final long budgetMillis) {
        super("the mail used up its budget of " + budgetMillis + " ms on the stream thread", null, false, false);
    }
}
