/**
 * The bounce sub-flow: the bounces of both tracks' decisions become self-closing tickets,
 * suppressions and bounce-rate alerts ({@link io.mailroute.topology.bounce.BounceStage}). Which
 * recipients a mail reports as failed is the {@code bouncereport} service's to find.
 */
package io.mailroute.topology.bounce;
