package io.mailroute.topology.bouncereport.reason;

/** The message is larger than the receiving host or mailbox accepts. */
final class EmailTooLarge extends Reason {
    EmailTooLarge() {
        super(
                "emailtoolarge",
                WordList.builder()
                        .phrases(
                                "message header size exceeds limit",
                                "message too large",
                                "exceeded maximum inbound message size",
                                "line limit exceeded",
                                "max message size exceeded",
                                "message file too big",
                                "message length exceeds administrative limit",
                                "message size exceeds fixed limit",
                                "message size exceeds fixed maximum message size",
                                "message size exceeds maximum value",
                                "message too big",
                                "message too large for this ",
                                "size limit",
                                "taille limite du message atteinte")
                        .build());
    }
}
