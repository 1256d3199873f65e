/**
 * The route sub-flow, which both tracks run: the fan-out of a decision into its records, the named
 * split into the lane, retry, dead-letter and status topics, and the new-pattern counting
 * ({@link io.mailroute.topology.route.RouteStage}).
 */
package io.mailroute.topology.route;
