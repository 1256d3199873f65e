/**
 * Receiving hosts with codes and messages of their own, after Sisimai's {@code Sisimai::Rhost::*}
 * classes: each recognises its host by the domains it serves and reads the reason from its own wording.
 */
package io.mailroute.topology.bouncereport.rhost;
