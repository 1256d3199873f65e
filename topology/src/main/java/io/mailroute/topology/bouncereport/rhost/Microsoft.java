package io.mailroute.topology.bouncereport.rhost;

import static io.mailroute.topology.bouncereport.rhost.StatusPhrases.rule;

import java.util.List;

/**
 * Exchange Online and Outlook.com (after Sisimai's {@code Sisimai::Rhost::Microsoft}): each
 * refusal pairs an enhanced status code, often one of Microsoft's own like {@code 5.7.606}, with
 * its own words, e.g. {@code 550 5.7.1 ... part of their network is on our block list (S3150)};
 * the words give the reason only with their code or range of codes.
 */
final class Microsoft extends Rhost {
    private static final StatusPhrases REASONS = new StatusPhrases(
            rule(
                    "authfailure",
                    List.of("4.7.26"),
                    "must pass either spf or dkim validation, this message is not signed"),
            rule("authfailure", List.of("4.7.323", "5.7.323"), "tlsa-invalid: the domain failed dane validation"),
            rule(
                    "authfailure",
                    List.of("4.7.324", "5.7.324"),
                    "dnssec-invalid: destination domain returned invalid dnssec records"),
            rule(
                    "authfailure",
                    List.of("4.7.325", "5.7.325"),
                    "certificate-host-mismatch: remote certificate must have a common name"),
            rule(
                    "authfailure",
                    List.of("5.7.23"),
                    "the message was rejected because of sender policy framework violation"),
            rule("authfailure", List.of("5.7.322"), "certificate-expired: destination mail server's certificate"),
            rule("authfailure", List.of("5.7.509"), "does not pass dmarc verification"),
            rule("authfailure", List.of("5.7.515"), "access denied, sending domain"),
            rule("badreputation", List.of("4.7.650"), "has been temporarily rate limited due to ip reputation"),
            rule("blocked", List.of("4.4.2"), "connection dropped"),
            rule("blocked", List.of("4.7.500-699", "4.7.850-899"), "access denied, please try again later"),
            rule("blocked", List.of("5.7.25"), "must have a reverse dns record"),
            rule("blocked", List.of("5.7.506"), "access denied, bad helo"),
            rule("blocked", List.of("5.7.507"), "access denied, rejected by recipient"),
            rule("blocked", List.of("5.7.510"), "does not accept email over ipv6"),
            rule("blocked", List.of("5.7.511"), "access denied, banned sender"),
            rule("blocked", List.of("5.7.513"), "using customer block list"),
            rule("blocked", List.of("5.7.606-649"), "access denied, banned sending ip "),
            rule("blocked", List.of("5.5.4"), "invalid domain name"),
            rule("blocked", List.of("5.7.51"), "restrictdomainstoipaddresses or restrictdomainstocertificate"),
            rule("blocked", List.of("5.7.1"), "part of their network is on our block list (s3150)"),
            rule("contenterror", List.of("5.3.0"), "too many related errors"),
            rule("contenterror", List.of("5.6.11"), "invalid characters"),
            rule("contenterror", List.of("5.4.11"), "agent generated message depth exceeded"),
            rule("contenterror", List.of("5.5.6"), "invalid message content"),
            rule(
                    "emailtoolarge",
                    List.of("5.2.3"),
                    "resolver.rst.recipsizelimit; message too large for this recipient"),
            rule(
                    "emailtoolarge",
                    List.of("5.3.4"),
                    "message size exceeds fixed maximum message size",
                    "message too big for system"),
            rule("expired", List.of("4.4.1"), "connection timed out"),
            rule("expired", List.of("4.4.7", "5.4.300"), "message delayed", "message expired"),
            rule("mailboxfull", List.of("5.2.2"), "mailbox full"),
            rule("networkerror", List.of("5.4.4"), "smtpsend.dns.nonexistentdomain; nonexistent domain"),
            rule("networkerror", List.of("5.4.6"), "hop count exceeded - possible mail loop"),
            rule("networkerror", List.of("4.4.316"), "connection refused"),
            rule("networkerror", List.of("5.4.4"), "invalid arguments"),
            rule("networkerror", List.of("5.4.6", "5.4.14"), "routing loop detected"),
            rule("norelaying", List.of("5.7.1"), "unable to relay"),
            rule("norelaying", List.of("5.4.1"), "relay access denied"),
            rule("norelaying", List.of("5.7.64"), "tenantattribution; relay access denied"),
            rule("norelaying", List.of("5.4.310"), "does not exist"),
            rule("notaccept", List.of("4.3.2"), "system not accepting network messages"),
            rule("notaccept", List.of("4.4.4"), "hosted tenant which has no mail-enabled subscriptions"),
            rule("notaccept", List.of("5.3.2"), "storedrv.deliver: missing or bad storedriver mdb properties"),
            rule(
                    "policyviolation",
                    List.of("5.0.350"),
                    "x-dg-ref header is too long",
                    "requested action not taken: policy violation detected (as345)"),
            rule("policyviolation", List.of("5.7.900-999"), "delivery not authorized, message refused"),
            rule("rejected", List.of("5.1.7"), "invalid address", "unknown sender address"),
            rule("rejected", List.of("5.1.0"), "sender denied"),
            rule("rejected", List.of("5.1.8"), "access denied, bad outbound sender"),
            rule("rejected", List.of("5.7.1"), "delivery not authorized"),
            rule("rejected", List.of("5.7.12"), "sender was not authenticated by organization"),
            rule("rejected", List.of("5.7.124"), "sender not in allowed-senders list"),
            rule("rejected", List.of("5.7.133"), "sender not authenticated for group"),
            rule("rejected", List.of("5.7.134"), "sender was not authenticated for mailbox"),
            rule("rejected", List.of("5.7.13", "5.7.135"), "sender was not authenticated for public folder"),
            rule("rejected", List.of("5.7.136"), "sender was not authenticated"),
            rule(
                    "rejected",
                    List.of("5.7.501-503"),
                    "access denied, spam abuse detected",
                    "access denied, banned sender"),
            rule("rejected", List.of("5.7.512"), "access denied, message must be rfc 5322 section 3.6.2 compliant"),
            rule(
                    "rejected",
                    List.of("5.7.750"),
                    "service unavailable. client blocked from sending from unregistered domains"),
            rule("securityerror", List.of("5.7.3"), "cannot achieve exchange server authentication", "not authorized"),
            rule("securityerror", List.of("4.4.317", "5.4.317"), "starttls is required to send mail"),
            rule(
                    "securityerror",
                    List.of("4.7.321", "5.7.321"),
                    "starttls-not-supported: destination mail server must support tls to receive mail"),
            rule("securityerror", List.of("5.7.1", "5.7.57"), "client was not authenticated"),
            rule("spamdetected", List.of("5.2.1"), "content filter agent quarantined this message"),
            rule("ratelimited", List.of("4.3.2"), "storedrv.deliver; recipient thread limit exceeded"),
            rule("ratelimited", List.of("5.1.90"), "you've reached your daily limit for message recipients"),
            rule("ratelimited", List.of("5.2.2"), "submission quota exceeded"),
            rule("ratelimited", List.of("5.2.121"), "per hour message receive limit from specific sender exceeded"),
            rule(
                    "ratelimited",
                    List.of("5.2.122"),
                    "per hour message receive limit exceeded",
                    "the recipient has exceeded their limit for"),
            rule("ratelimited", List.of("5.7.508"), "has exceeded permitted limits within"),
            rule(
                    "ratelimited",
                    List.of("5.7.700-749"),
                    "access denied, tenant has exceeded threshold",
                    "access denied, traffic not accepted from this ip"),
            rule("ratelimited", List.of("4.5.3", "5.5.3"), "too many recipients"),
            rule("suspend", List.of("5.7.504"), "recipient address rejected: access denied"),
            rule("suspend", List.of("5.7.505"), "access denied, banned recipient"),
            rule("suspend", List.of("5.2.1"), "mailbox cannot be accessed"),
            rule("syntaxerror", List.of("5.3.3"), "unrecognized command"),
            rule("syntaxerror", List.of("5.5.2"), "send hello first"),
            rule("systemerror", List.of("4.3.2"), "service not available", "service not active"),
            rule("systemerror", List.of("5.3.5"), "system incorrectly configured"),
            rule("systemerror", List.of("5.3.190"), "journaling on-premises messages to microsoft 365"),
            rule("systemerror", List.of("5.0.0"), "helo / ehlo requires domain address"),
            rule("systemerror", List.of("5.1.4"), "destination mailbox address ambiguous"),
            rule("systemerror", List.of("5.2.4"), "mailing list expansion problem"),
            rule("systemerror", List.of("5.2.14"), "misconfigured forwarding address"),
            rule("systemerror", List.of("4.4.3"), "temporary server error. please try again later attr18"),
            rule("systemerror", List.of("4.7.0"), "temporary server error. please try again later. prx4 nexthop:"),
            rule("systemerror", List.of("4.4.24", "4.4.25", "4.4.28"), "message failed to be replicated: "),
            rule("systemerror", List.of("4.4.318", "5.4.318"), "(suspiciousremoteservererror)"),
            rule("systemerror", List.of("4.7.500"), "server busy. please try again later from "),
            rule("systemerror", List.of("4.7.700"), "pfa agent busy, please try again."),
            rule("systemfull", List.of("4.3.1"), "insufficient system resources"),
            rule(
                    "userunknown",
                    List.of("5.1.1"),
                    "resolver.adr.exrecipnotfound; not found",
                    "user unknown",
                    "bad destination mailbox address"),
            rule("userunknown", List.of("5.1.3"), "storedrv.submit; invalid recipient address"),
            rule("userunknown", List.of("5.1.4-5"), "recipient address reserved by rfc 2606"),
            rule("userunknown", List.of("5.1.6"), "recipient addresses in single label domains not accepted"),
            rule("userunknown", List.of("5.1.10"), "recipient not found"),
            rule("userunknown", List.of("5.4.1"), "recipient address rejected: access denied"),
            rule("userunknown", List.of("5.5.0"), "requested action not taken: mailbox unavailable"),
            rule("userunknown", List.of("5.1.2"), "invalid x.400 address"));

    Microsoft() {
        super("outlook.com", "onmicrosoft.com", "exchangelabs.com");
    }

    @Override
    String reason(final String status, final String command, final String lowerText) {
        return REASONS.reasonOf(status, lowerText);
    }
}
