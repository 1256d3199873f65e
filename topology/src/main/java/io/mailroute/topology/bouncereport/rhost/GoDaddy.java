package io.mailroute.topology.bouncereport.rhost;

import io.mailroute.topology.bouncereport.ReasonPhrases;
import java.util.List;
import java.util.Map;

/**
 * GoDaddy's mail servers (after Sisimai's {@code Sisimai::Rhost::GoDaddy}): their refusals carry a
 * code {@code IB101} ... {@code IB705} that names the reason; without one, a few phrases of theirs do.
 */
final class GoDaddy extends Rhost {
    private static final String CODE_START = " ib";
    private static final int CODE_LENGTH = 5;
    private static final Map<String, String> BY_CODE = Map.ofEntries(
            Map.entry("ib007", "ratelimited"),
            Map.entry("ib101", "ratelimited"),
            Map.entry("ib103", "badreputation"),
            Map.entry("ib104", "blocked"),
            Map.entry("ib105", "blocked"),
            Map.entry("ib106", "blocked"),
            Map.entry("ib108", "requireptr"),
            Map.entry("ib110", "blocked"),
            Map.entry("ib111", "blocked"),
            Map.entry("ib112", "blocked"),
            Map.entry("ib113", "blocked"),
            Map.entry("ib212", "spamdetected"),
            Map.entry("ib401", "securityerror"),
            Map.entry("ib501", "notcompliantrfc"),
            Map.entry("ib502", "notcompliantrfc"),
            Map.entry("ib504", "ratelimited"),
            Map.entry("ib506", "rejected"),
            Map.entry("ib508", "authfailure"),
            Map.entry("ib510", "ratelimited"),
            Map.entry("ib605", "ratelimited"),
            Map.entry("ib607", "ratelimited"),
            Map.entry("ib705", "virusdetected"));
    private static final ReasonPhrases REASONS = new ReasonPhrases(List.of(
            Map.entry("blocked", List.of("rbl reject", "www.spamhaus.org/query/bl?ip=")),
            Map.entry("expired", List.of("has been in the queue too long", "delivery timeout")),
            Map.entry("mailboxfull", List.of("account storage limit")),
            Map.entry("spamdetected", List.of("message rejected for spam or virus content")),
            Map.entry("suspend", List.of("account disabled")),
            Map.entry("systemerror", List.of("message is looping")),
            Map.entry("userunknown", List.of("recipient not found", "account does not exist"))));

    GoDaddy() {
        super("secureserver.net");
    }

    @Override
    String reason(final String status, final String command, final String lowerText) {
        for (int at = lowerText.indexOf(CODE_START);
                at >= 0 && at + 1 + CODE_LENGTH <= lowerText.length();
                at = lowerText.indexOf(CODE_START, at + 1)) {
            final String byCode = BY_CODE.get(lowerText.substring(at + 1, at + 1 + CODE_LENGTH));
            if (byCode != null) {
                return byCode;
            }
        }
        return REASONS.reasonOf(lowerText);
    }
}
