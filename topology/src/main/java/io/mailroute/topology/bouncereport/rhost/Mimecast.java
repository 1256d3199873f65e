package io.mailroute.topology.bouncereport.rhost;

import io.mailroute.topology.bouncereport.ReasonPhrases;
import java.util.List;
import java.util.Map;

/**
 * Mimecast (after Sisimai's {@code Sisimai::Rhost::Mimecast}): the phrases of its published
 * SMTP response codes.
 */
final class Mimecast extends Rhost {
    private static final ReasonPhrases REASONS = new ReasonPhrases(List.of(
            Map.entry(
                    "authfailure",
                    List.of(
                            "spf sender invalid - envelope rejected",
                            "dkim sender invalid - envelope rejected",
                            "dmarc sender invalid - envelope rejected")),
            Map.entry(
                    "badreputation",
                    List.of("internal resources are temporarily unavailable", "local ct ip reputation - (reject)")),
            Map.entry(
                    "blocked",
                    List.of(
                            "sender address blocked",
                            "recipient temporarily unavailable",
                            "ip temporarily blacklisted",
                            "< details of rbl >")),
            Map.entry("expired", List.of("journal messages past the expiration")),
            Map.entry("emailtoolarge", List.of("maximum email size exceeded")),
            Map.entry("networkerror", List.of("the incorrect hostname used for inbounds", "mail loop detected")),
            Map.entry("norelaying", List.of("open relay not allowed", "open relay is not allowed")),
            Map.entry("notaccept", List.of("account inbounds disabled")),
            Map.entry(
                    "onhold",
                    List.of(
                            "account outbounds disabled",
                            "hostname is not authorized",
                            "journal message past expiration")),
            Map.entry(
                    "policyviolation",
                    List.of(
                            "anti-spoofing policy - inbound not allowed",
                            "rejected by header-based anti-spoofing policy",
                            "message bounced due to content examination policy",
                            "host network not allowed",
                            "host network, not allowed")),
            Map.entry(
                    "rejected",
                    List.of(
                            "administrative prohibition envelope blocked",
                            "envelope blocked - user entry",
                            "envelope blocked - user domain entry",
                            "rejected by header-based manually blocked senders - block for manual block",
                            "rejected by header-based blocked senders - block policy for header from",
                            "envelope rejected - block policy for envelope from address")),
            Map.entry(
                    "securityerror",
                    List.of(
                            "incorrect authentication data",
                            "submitter failed to disabled",
                            "submitter failed to authenticate",
                            "this route requires encryption (tls)",
                            "this route requires tls version 1.2 or greater",
                            "this route requires high-strength ciphers",
                            "configuration is invalid for this certificate")),
            Map.entry(
                    "systemerror",
                    List.of(
                            "unable to process connection at this time",
                            "message ended early",
                            "unable to process command",
                            "unable to process an email at this time")),
            Map.entry(
                    "ratelimited",
                    List.of(
                            "account service is temporarily unavailable",
                            "too many recipients",
                            "exceeding outbound thread limit")),
            Map.entry("userunknown", List.of("invalid address", "user unknown", "invalid recipient")),
            Map.entry("virusdetected", List.of("email rejected due to security policies"))));

    Mimecast() {
        super("mimecast.com");
    }

    @Override
    String reason(final String status, final String command, final String lowerText) {
        return REASONS.reasonOf(lowerText);
    }
}
