package io.mailroute.topology.bouncereport.rhost;

import io.mailroute.topology.bouncereport.ReasonPhrases;
import java.util.List;
import java.util.Map;

/**
 * Tencent's QQ Mail (after Sisimai's {@code Sisimai::Rhost::Tencent}): the phrases of the refusals
 * its help pages (service.mail.qq.com/detail/122) explain.
 */
final class Tencent extends Rhost {
    private static final ReasonPhrases REASONS = new ReasonPhrases(List.of(
            Map.entry("authfailure", List.of("spf check failed", "dmarc check failed")),
            Map.entry("blocked", List.of("suspected bounce attacks", "suspected spam ip", "connection denied")),
            Map.entry("emailtoolarge", List.of("message too large")),
            Map.entry("spamdetected", List.of("spam is embedded in the email", "mail content denied")),
            Map.entry("rejected", List.of("suspected spam", "mail is rejected by recipients")),
            Map.entry(
                    "ratelimited",
                    List.of(
                            "mailbox unavailable or access denined",
                            "frequency of receiving messages is limited",
                            "ip frequency limited",
                            "domain frequency limited",
                            "sender frequency limited",
                            "connection frequency limited")),
            Map.entry("suspend", List.of("is a deactivated mailbox")),
            Map.entry("syntaxerror", List.of("bad address syntax")),
            Map.entry("userunknown", List.of("mailbox not found"))));

    Tencent() {
        super("qq.com", "foxmail.com");
    }

    @Override
    String reason(final String status, final String command, final String lowerText) {
        return REASONS.reasonOf(lowerText);
    }
}
