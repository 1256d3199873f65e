/**
 * The intake sub-flow: which attempts of which mails each track runs the stages on (dedup of
 * {@code mail.raw}, releases from {@code mail.retry}, entry from {@code mail.overflow};
 * {@link io.mailroute.topology.intake.IntakeStage}).
 */
package io.mailroute.topology.intake;
