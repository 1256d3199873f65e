/**
 * The bounce reasons, one class each with the words by which diagnostic messages say it, and
 * {@link io.mailroute.topology.bouncereport.reason.Reasons} holding them in Sisimai's order. The
 * phrases were collected from Sisimai ({@code github.com/sisimai/rb-sisimai},
 * {@code lib/sisimai/reason/*.rb}), Copyright (C) azumakuniyuki, BSD 2-Clause License, and
 * extended where mail servers word a reason differently.
 */
package io.mailroute.topology.bouncereport.reason;
