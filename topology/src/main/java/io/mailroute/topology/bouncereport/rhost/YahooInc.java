package io.mailroute.topology.bouncereport.rhost;

import io.mailroute.topology.bouncereport.ReasonPhrases;
import java.util.List;
import java.util.Map;

/**
 * Yahoo Inc.'s mail exchangers, {@code *.yahoodns.net}, which also receive AOL's mail (after Sisimai's
 * {@code Sisimai::Rhost::YahooInc}): the phrases of their refusals, e.g.
 * {@code 554 delivery error: dd This user doesn't have a yahoo.com account}.
 */
final class YahooInc extends Rhost {
    private static final ReasonPhrases REASONS = new ReasonPhrases(List.of(
            Map.entry("authfailure", List.of("yahoo requires all senders to authenticate with either spf or dkim")),
            Map.entry(
                    "blocked",
                    List.of(
                            " because the ip is in spamhaus's list;",
                            "not accepted from ip addresses on spamhaus xbl")),
            Map.entry("norelaying", List.of("relaying denied for ")),
            Map.entry("notcompliantrfc", List.of("headers are not rfc compliant")),
            Map.entry("policyviolation", List.of("not accepted for policy reasons")),
            Map.entry(
                    "rejected",
                    List.of(
                            "temporarily deferred due to unexpected volume or user complaints",
                            "due to unresolvable rfc.5321 domain",
                            " will be permanently deferred")),
            Map.entry(
                    "ratelimited", List.of("user is receiving mail too quickly", "max message per connection reached")),
            Map.entry("suspend", List.of(" is no longer valid.", "this mailbox is disabled")),
            Map.entry("syntaxerror", List.of("syntax error in parameters or arguments")),
            Map.entry("userunknown", List.of("dd this user doesn't have a ", "mailbox not found"))));

    YahooInc() {
        super("yahoodns.net");
    }

    @Override
    String reason(final String status, final String command, final String lowerText) {
        return REASONS.reasonOf(lowerText);
    }
}
