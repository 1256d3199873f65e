/**
 * Reads bounce reports: whether a mail is a bounce (an RFC 3464 DSN, an MTA's plain-text bounce,
 * an ARF feedback report, an SES notification or an auto-reply) and which recipients failed, why,
 * and for good or not. A service the classify stage and the rules call through the
 * {@link io.mailroute.topology.bouncereport.BounceDetector} seam, like {@code parse} and {@code rules};
 * what happens to bounces afterwards (tickets, suppressions, rates) is the {@code bounce} sub-flow.
 */
package io.mailroute.topology.bouncereport;
