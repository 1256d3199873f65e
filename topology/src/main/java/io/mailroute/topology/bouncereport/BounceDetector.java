package io.mailroute.topology.bouncereport;

import io.mailroute.topology.parse.ParsedMail;

/**
 * Finds the failed recipients a mail reports when it is a bounce (a DSN, a feedback report or an
 * MTA's plain-text bounce). The topology, {@code mailroute classify} and {@code mailroute rules test}
 * use {@link BounceClassifier} (the topology's services give it to the classify stage).
 *
 * <p>Called at most once per mail and processing attempt, lazily: when a rule tests
 * {@code IS_BOUNCE} or when a classified record is written. Must be thread-safe, must obey the
 * limits the mail was parsed under ({@link ParsedMail#settings()}: parts, depth, bytes, headers,
 * recipients per bounce), must work in time proportional to the report and the recipients kept,
 * and must not throw for malformed input (a throw sends the mail to the DLQ through the
 * processing exception handler).
 */
@FunctionalInterface
public interface BounceDetector {

    /**
     * @param rawMail the mail bytes as received
     * @param parsed  the same mail parsed
     * @return the reported recipients, at most the parser's {@code maxBounceRecipients}; none when
     *         the mail is no bounce
     */
    DetectedBounces detect(byte[] rawMail, ParsedMail parsed);
}
