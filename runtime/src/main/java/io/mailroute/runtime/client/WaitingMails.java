package io.mailroute.runtime.client;

import io.mailroute.avro.MailStatus;
import io.mailroute.avro.Outcome;
import io.mailroute.avro.RetryMail;

/**
 * Whether a {@code mail.retry} record is a wait still in force. The topology writes a mail's retry
 * record and its RETRY_PENDING status of the same attempt in one transaction; any later status (routed,
 * dead-lettered, in progress again, waiting at another attempt) means the record no longer stands for
 * a wait, and releasing it would process the mail a second time.
 */
public final class WaitingMails {
    private WaitingMails() {}

    /** True when {@code status}, the mail's current one, is RETRY_PENDING for the attempt {@code retry} records. */
    public static boolean isWaiting(final RetryMail retry, final MailStatus status) {
        return retry != null
                && status != null
                && status.getOutcome() == Outcome.RETRY_PENDING
                && status.getAttempt() == retry.getAttempt();
    }

    /** Why a mail with the latest retry record {@code retry} (null: its wait ended) is not waiting, for refusals. */
    public static String notWaitingReason(final RetryMail retry, final MailStatus status) {
        if (retry == null) {
            return "its wait has ended (it was released or processed again)";
        }
        if (status == null) {
            return "it has no status";
        }
        return "its status is " + status.getOutcome() + " at attempt " + status.getAttempt()
                + ", not RETRY_PENDING at attempt " + retry.getAttempt();
    }
}
