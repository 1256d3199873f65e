package io.mailroute.topology.intake;

import io.mailroute.avro.RetryMail;
import io.mailroute.topology.attempt.MailAttempt;

/**
 * What releasing a waiting mail writes, in this order: the end of its wait on {@code mail.retry}
 * (a tombstone under the retry key), then its next attempt, which may wait again under the same key.
 * The topology splits on the type.
 */
public sealed interface Released {

    /** The wait under the record's key is over: a tombstone for mail.retry. */
    record EndOfWait() implements Released {}

    /** The mail's next attempt, handed on to the pipeline. */
    record NextAttempt(MailAttempt attempt) implements Released {}

    static boolean endsWait(final String key, final Released released) {
        return released instanceof EndOfWait;
    }

    static boolean isNextAttempt(final String key, final Released released) {
        return released instanceof NextAttempt;
    }

    /** The mail.retry value that ends a wait. */
    static RetryMail tombstone(final Released released) {
        return null;
    }

    static MailAttempt attempt(final Released released) {
        return ((NextAttempt) released).attempt();
    }
}
