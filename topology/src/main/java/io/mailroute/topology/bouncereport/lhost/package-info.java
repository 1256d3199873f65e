/**
 * Readers of single MTAs' bounce formats, after Sisimai's {@code Sisimai::Lhost::*} modules: each
 * recognises its MTA's report and reads the failed recipients from it; {@link
 * io.mailroute.topology.bouncereport.lhost.Lhosts} tries them in order before the generic readers.
 */
package io.mailroute.topology.bouncereport.lhost;
