package io.mailroute.topology.bouncereport.rhost;

import io.mailroute.topology.bouncereport.ReasonPhrases;
import java.util.List;
import java.util.Map;

/**
 * Apple's iCloud Mail, me.com included (after Sisimai's {@code Sisimai::Rhost::Apple}): the
 * phrases of its refusals, e.g. {@code 550 5.1.1 <...>: inactive email address}, an account
 * that exists but is no longer used, so suspended rather than unknown.
 */
final class Apple extends Rhost {
    private static final ReasonPhrases REASONS = new ReasonPhrases(List.of(
            Map.entry(
                    "authfailure",
                    List.of("s dmarc policy", "blocked for failing both spf and dkim autentication checks")),
            Map.entry(
                    "blocked",
                    List.of(
                            "rejected due to having a domain present in the spamhaus",
                            "rejected due to listing in spamhaus",
                            "blocked - see https://support.proofpoint.com/dnsbl-lookup",
                            "not accepting connections")),
            Map.entry("hasmoved", List.of("recipient no longer on server")),
            Map.entry("mailboxfull", List.of("user is over quota")),
            Map.entry("norelaying", List.of("relay access denied")),
            Map.entry("notaccept", List.of("host/domain does not accept mail")),
            Map.entry("policyviolation", List.of("due to local policy")),
            Map.entry("rejected", List.of("sender address rejected")),
            Map.entry("ratelimited", List.of("due to excessive volume")),
            Map.entry("suspend", List.of("inactive email address")),
            Map.entry("userunknown", List.of("user does not exist", "unknown or illegal alias"))));

    Apple() {
        super("icloud.com", "me.com", "apple.com");
    }

    @Override
    String reason(final String status, final String command, final String lowerText) {
        return REASONS.reasonOf(lowerText);
    }
}
