package io.mailroute.topology.bouncereport.reason;

/** A filter at the receiving host refused the recipient after the message was read. */
final class Filtered extends Reason {
    Filtered() {
        super(
                "filtered",
                WordList.builder()
                        .phrases(
                                "because the recipient is only accepting mail from specific email addresses",
                                "bounced address",
                                "due to extended inactivity new mail is not currently being accepted for this mailbox",
                                "has restricted sms e-mail",
                                "is not accepting any mail",
                                "message rejected due to user rules",
                                "not found recipient account",
                                "refused due to recipient preferences",
                                "resolver.rst.notauthorized",
                                "this account is protected by",
                                "user not found",
                                "user refuses to receive this mail",
                                "user reject",
                                "we failed to deliver mail because the following address recipient id refuse to receive mail",
                                "you have been blocked by the recipient")
                        .build());
    }

    /** Sisimai tells a filtered recipient by the message and the command as much as by the code. */
    @Override
    public boolean vagueByStatus() {
        return true;
    }
}
