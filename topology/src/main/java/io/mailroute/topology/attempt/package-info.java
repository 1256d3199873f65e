/**
 * One processing attempt of one mail and what it writes, shared by every sub-flow: the attempt
 * ({@link io.mailroute.topology.attempt.MailAttempt}) with its bytes and its parsed mail, what a stage
 * hands on ({@link io.mailroute.topology.attempt.StageResult}), the attempt's final
 * {@link io.mailroute.topology.attempt.MailDecision} of {@link io.mailroute.topology.attempt.Routed}
 * records, and the one way its retry, dead-letter and status records are built
 * ({@link io.mailroute.topology.attempt.Outcomes}).
 */
package io.mailroute.topology.attempt;
