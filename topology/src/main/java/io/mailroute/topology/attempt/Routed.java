package io.mailroute.topology.attempt;

import io.mailroute.avro.Alert;
import io.mailroute.avro.ClassifiedMail;
import io.mailroute.avro.DeadLetter;
import io.mailroute.avro.Lane;
import io.mailroute.avro.MailStatus;
import io.mailroute.avro.RawMail;
import io.mailroute.avro.RetryMail;

/** One record a mail attempt writes, with the key of its topic. The topology splits on the type. */
public sealed interface Routed {

    /** The record key. */
    String key();

    /** A classified mail for one owner on one lane topic. */
    record ToLane(String key, Lane lane, ClassifiedMail mail) implements Routed {}

    /** The mail waits in mail.retry. */
    record ToRetry(String key, RetryMail retry) implements Routed {}

    /** The mail goes to mail.dlq. */
    record ToDeadLetter(String key, DeadLetter deadLetter) implements Routed {}

    /** The mail's status in mail.status; exactly one per attempt. */
    record ToStatus(String key, MailStatus status) implements Routed {}

    /** The raw mail of a flooder, for the overflow lane (mail.overflow), where it is processed apart. */
    record ToOverflow(String key, RawMail mail) implements Routed {}

    /** An alert for mail.alerts, keyed by its alert key, written as it is. */
    record ToAlert(String key, Alert alert) implements Routed {}

    /** A sighting of an unknown mail pattern, keyed by pattern, counted before it reaches mail.alerts. */
    record ToNewPattern(String key, Alert alert) implements Routed {}
}
