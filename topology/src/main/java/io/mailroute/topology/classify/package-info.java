/**
 * The classify sub-flow, which both tracks run: the claim-check fetch, the parse and the
 * classification with rules and owners into the attempt's decision, under the per-mail budget
 * ({@link io.mailroute.topology.classify.ClassifyStage}).
 */
package io.mailroute.topology.classify;
