package io.mailroute.topology.bouncereport.rhost;

import static io.mailroute.topology.bouncereport.rhost.StatusPhrases.rule;

import java.util.List;

/**
 * Gmail and Google Workspace (after Sisimai's {@code Sisimai::Rhost::Google}): each refusal pairs
 * an enhanced status code with a sentence of Google's own, the one its help link
 * ({@code support.google.com/mail/?p=...}) explains; the sentence gives the reason only with its code.
 */
final class Google extends Rhost {
    private static final StatusPhrases REASONS = new StatusPhrases(
            rule("authfailure", List.of("4.7.24", "5.7.24"), "the spf record of the sending domain"),
            rule(
                    "authfailure",
                    List.of("4.7.26", "5.7.26"),
                    "senders to authenticate with either spf or dkim",
                    "fails to pass spf checks for an spf record with a hard fail",
                    "has an spf record with a hard fail policy",
                    "is not accepted due to domain's dmarc policy",
                    "fails to pass authentication checks"),
            rule("authfailure", List.of("5.7.1"), "fails to pass authentication checks"),
            rule(
                    "authfailure",
                    List.of("4.7.27", "5.7.27"),
                    "senders to authenticate with spf",
                    "senders to authenticate their email with spf"),
            rule(
                    "authfailure",
                    List.of("4.7.30", "5.7.30"),
                    "senders to authenticate their email with dkim",
                    "senders to authenticate with dkim"),
            rule("authfailure", List.of("4.7.32"), "aligned with either the authenticated spf or dkim"),
            rule(
                    "badreputation",
                    List.of("4.7.0", "5.7.1"),
                    "very low reputation of the sending ip address",
                    "very low reputation of the sending domain"),
            rule(
                    "blocked",
                    List.of("4.7.0"),
                    "ip not in whitelist for rcpt domain",
                    "try again later, closing connection."),
            rule("blocked", List.of("5.5.4"), "empty helo/ehlo argument not allowed", "helo/ehlo argument is invalid"),
            rule(
                    "blocked",
                    List.of("4.7.0", "4.7.28", "5.7.1", "5.7.28"),
                    "an unusual rate of unsolicited mail",
                    "an unusual rate of mail"),
            rule(
                    "emailtoolarge",
                    List.of("5.2.3", "5.3.4"),
                    "exceeded google's message size limits",
                    "exceeds google's message size limit of",
                    "exceeds google's limit of limit attachments.",
                    "your message exceeded google's message header size limits",
                    "bytes per individual header size",
                    "exceeds google's header name limit of",
                    "exceeds google's message header size limit"),
            rule("expired", List.of("4.7.0"), "connection expired"),
            rule("expired", List.of("4.4.2"), "timeout - closing connection"),
            rule("mailboxfull", List.of("4.2.2", "5.2.2"), "inbox is out of storage space", "is over quota"),
            rule("mailboxfull", List.of("5.7.1"), "email quota exceeded"),
            rule("networkerror", List.of("5.4.6", "5.6.0"), "message exceeded 50 hops"),
            rule("norelaying", List.of("5.7.0"), "mail relay denied"),
            rule(
                    "norelaying",
                    List.of("5.7.1"),
                    "invalid credentials for relay",
                    "is not authorized to send email directly to our servers"),
            rule(
                    "notcompliantrfc",
                    List.of("5.7.1"),
                    "missing a valid address in the from: header",
                    "multiple addresses in from: header are not accepted",
                    "is not rfc 5322 compliant",
                    "missing a valid message-id: header",
                    "contains a unicode character in a disallowed header",
                    "encoded-word syntax is not permitted"),
            rule("notcompliantrfc", List.of("5.1.7"), "is not a valid rfc 5321 address"),
            rule("notcompliantrfc", List.of("5.6.0"), "mail message is malformed"),
            rule(
                    "policyviolation",
                    List.of("5.7.0"),
                    "illegal attachment on your message",
                    "blocked because its content presents a potential security issue"),
            rule("policyviolation", List.of("5.7.1"), "you are sending to (or from) has a policy that prohibited"),
            rule("policyviolation", List.of("4.7.28"), "sending messages with the same message-id:"),
            rule("rejected", List.of("5.7.0"), "mail sending denied"),
            rule("rejected", List.of("5.7.1"), "unauthenticated email is not accepted"),
            rule("requireptr", List.of("4.7.0", "5.7.25"), "does not have a ptr record"),
            rule("requireptr", List.of("4.7.23"), " have a ptr record, or the ptr record"),
            rule(
                    "requireptr",
                    List.of("5.7.1"),
                    "does not meet ipv6 sending guidelines regarding ptr records and authentication"),
            rule("requireptr", List.of("5.7.25"), "does not match the ip address of the hostname"),
            rule("securityerror", List.of("4.7.0"), "tls required for rcpt domain", "too many login attempts"),
            rule("securityerror", List.of("5.5.2"), "cannot decode response"),
            rule("securityerror", List.of("5.7.0"), "no identity changes permitted", "authentication required."),
            rule("securityerror", List.of("5.5.1"), "authentication required."),
            rule(
                    "securityerror",
                    List.of("5.7.1", "5.7.8", "5.7.9", "5.7.14"),
                    "application-specific password required",
                    "please log in with your web browser",
                    "please log in through your web browser",
                    "username and password not accepted"),
            rule("securityerror", List.of("4.7.29", "5.7.29"), "senders to use tls/ssl for smtp"),
            rule("spamdetected", List.of("4.7.0"), "due to the nature of the content or the links within"),
            rule("spamdetected", List.of("5.7.1"), "likely unsolicited mail"),
            rule(
                    "ratelimited",
                    List.of("4.2.1", "5.2.1"),
                    "is receiving mail too quickly",
                    "peak smtp relay limit exceeded for customer",
                    "rate that prevents additional messages from being delivered"),
            rule(
                    "ratelimited",
                    List.of("5.4.5", "5.7.1"),
                    "daily sending quota exceeded",
                    "daily user sending limit exceeded",
                    "daily smtp relay limit exceeded for",
                    "daily smtp relay sending limit exceeded for",
                    "this mail has been rate limited"),
            rule(
                    "suspend",
                    List.of("5.2.1"),
                    "account that you tried to reach is disabled",
                    "account that you tried to reach is inactive"),
            rule("syntaxerror", List.of("4.5.0", "5.7.10"), "smtp protocol violation"),
            rule("syntaxerror", List.of("5.5.4"), "optional argument not permitted"),
            rule("syntaxerror", List.of("5.5.1"), "starttls may not be repeated"),
            rule("syntaxerror", List.of("5.7.11", "5.5.2"), "syntax error"),
            rule(
                    "syntaxerror",
                    List.of("5.5.1"),
                    "too many unrecognized commands, goodbye",
                    "unimplemented command",
                    "unrecognized command",
                    "bad sequence of commands",
                    "ehlo/helo first",
                    "mail first",
                    "rcpt first",
                    "no data after bdat"),
            rule("syntaxerror", List.of("5.7.4"), "unrecognized authentication type", "xoauth is no longer supported"),
            rule(
                    "syntaxerror",
                    List.of("5.7.0"),
                    "must issue a starttls command first",
                    "too many unauthenticated commands"),
            rule(
                    "systemerror",
                    List.of("4.3.0", "4.7.0"),
                    "temporary system problem",
                    "multiple destination domains per transaction is unsupported",
                    "mail server has temporarily rejected this message",
                    "mail server temporarily rejected message"),
            rule("systemerror", List.of("4.4.5"), "server busy"),
            rule("systemerror", List.of("4.5.3"), "domain policy size per transaction exceeded"),
            rule(
                    "ratelimited",
                    List.of("4.5.3", "5.5.3"),
                    "your message has too many recipients",
                    "too many recipients for this sender"),
            rule("userunknown", List.of("5.1.1"), "the email account that you tried to reach does not exist"),
            rule("userunknown", List.of("5.1.2"), "we weren't able to find the recipient domain"),
            rule("userunknown", List.of("5.1.3"), "is not a valid rfc 5321 address"));

    Google() {
        super("google.com");
    }

    @Override
    String reason(final String status, final String command, final String lowerText) {
        return REASONS.reasonOf(status, lowerText);
    }
}
