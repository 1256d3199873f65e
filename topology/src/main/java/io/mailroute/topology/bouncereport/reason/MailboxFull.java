package io.mailroute.topology.bouncereport.reason;

/** The recipient's mailbox is full or over its quota. */
final class MailboxFull extends Reason {
    MailboxFull() {
        super(
                "mailboxfull",
                WordList.builder()
                        .phrases(
                                "452 insufficient disk space",
                                "account disabled temporarly for exceeding receiving limits",
                                "account is exceeding their quota",
                                "account is over quota",
                                "account that you tried to reach is over quota",
                                "account is temporarily over quota",
                                "boite du destinataire pleine",
                                "delivery failed: over quota",
                                "disc quota exceeded",
                                "diskspace quota",
                                "does not have enough space",
                                "exceeded storage allocation",
                                "exceeding its mailbox quota",
                                "full mailbox",
                                "is over disk quota",
                                "is over quota temporarily",
                                "mail file size exceeds the maximum size allowed for mail delivery",
                                "mail quota exceeded",
                                "mailbox exceeded the local limit",
                                "mailbox full",
                                "mailbox has exceeded its disk space limit",
                                "mailbox is full",
                                "mailbox over quota",
                                "mailbox quota usage exceeded",
                                "mailbox size limit exceeded",
                                "maildir over quota",
                                "maildir delivery failed: userdisk quota ",
                                "maildir delivery failed: domaindisk quota ",
                                "mailfolder is full",
                                "no space left on device",
                                "not enough storage space in",
                                "not sufficient disk space",
                                "over the allowed quota",
                                "quota exceeded",
                                "quota violation for",
                                "recipient reached disk quota",
                                "recipient rejected: mailbox would exceed maximum allowed storage",
                                "the recipient mailbox has exceeded its disk space limit",
                                "the user's space has been used up",
                                "the user you are trying to reach is over quota",
                                "too much mail data",
                                "user has exceeded quota, bouncing mail",
                                "user has too many messages on the server",
                                "user is over quota",
                                "user is over the quota",
                                "user over quota",
                                "user over quota. (#5.1.1)",
                                "was automatically rejected: quota exceeded",
                                "would be over the allowed quota",
                                "mailbox exceeds allowed size")
                        .build());
    }
}
