package io.mailroute.topology.bouncereport.reason;

/** The receiving host refused the envelope sender. */
final class Rejected extends Reason {
    Rejected() {
        super(
                "rejected",
                WordList.builder()
                        .phrases(
                                "access denied (in reply to mail from command)",
                                "access denied (sender blacklisted)",
                                "address rejected",
                                "administrative prohibition",
                                "batv failed to verify",
                                "batv validation failure",
                                "backscatter protection detected an invalid or expired email address",
                                "because the sender isn't on the recipient's list of senders to accept mail from",
                                "bogus mail from",
                                "can't determine purported responsible address",
                                "connections not accepted from servers without a valid sender domain",
                                "denied [bouncedeny]",
                                "denied by secumail valid-address-filter",
                                "delivery not authorized, message refused",
                                "does not exist e2110",
                                "domain of sender address ",
                                "email address is on senderfilterconfig list",
                                "emetteur invalide",
                                "empty envelope senders not allowed",
                                "envelope blocked - ",
                                "error: no third-party dsns",
                                "from: domain is invalid. please provide a valid from:",
                                "fully qualified email address required",
                                "invalid domain, see <url:",
                                "invalid sender",
                                "is not a registered gateway user",
                                "mail from not owned by user",
                                "message rejected: email address is not verified",
                                "mx records for ",
                                "null sender is not allowed",
                                "recipient addresses rejected : access denied",
                                "recipient not accepted. (batv: no tag",
                                "returned mail not accepted here",
                                "rfc 1035 violation: recursive cname records for",
                                "rule imposed mailbox access for",
                                "sending this from a different address or alias using the ",
                                "sender address has been blacklisted",
                                "sender email address rejected",
                                "sender is in my black list",
                                "sender is spammer",
                                "sender not pre-approved",
                                "sender rejected",
                                "sender domain is empty",
                                "sender verify failed",
                                "sender was rejected",
                                "spam reporting address",
                                "syntax error: empty email address",
                                "the message has been rejected by batv defense",
                                "this server does not accept mail from",
                                "transaction failed unsigned dsn for",
                                "unroutable sender address",
                                "you are not allowed to post to this mailing list",
                                "you are sending to/from an address that has been blacklisted",
                                "your access to submit messages to this e-mail system has been rejected",
                                "your email address has been blacklisted",
                                "mail rejected by destination domain")
                        .unless("5.1.0 address rejected")
                        .unless("recipient address rejected")
                        .unless("sender ip address rejected")
                        .build());
    }

    /** Sisimai tells a rejected sender by the message and the command as much as by the code. */
    @Override
    public boolean vagueByStatus() {
        return true;
    }

    /** Sisimai's Rejected.true takes a status code naming a refused sender as proof. */
    @Override
    public boolean provedByStatus() {
        return true;
    }
}
