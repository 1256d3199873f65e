package io.mailroute.topology.bouncereport.reason;

/** The recipient's mailbox does not exist at the receiving host. */
final class UserUnknown extends Reason {
    UserUnknown() {
        super(
                "userunknown",
                WordList.builder()
                        .phrases(
                                "#5.1.1 bad address",
                                "550 address invalid",
                                "5.1.0 address rejected.",
                                "address does not exist",
                                "address not present in directory",
                                "address unknown",
                                "can't accept user",
                                "does not exist.",
                                "destination addresses were unknown",
                                "destination server rejected recipients",
                                "email address does not exist",
                                "email address could not be found",
                                "invalid address",
                                "invalid mailbox",
                                "invalid mailbox path",
                                "invalid recipient",
                                "is not a known user",
                                "is not a valid mailbox",
                                "is not an active address at this host",
                                "mailbox does not exist",
                                "mailbox invalid",
                                "mailbox is inactive",
                                "mailbox is unavailable",
                                "mailbox not present",
                                "mailbox not found",
                                "mailbox unavaiable",
                                "nessun utente simile in questo indirizzo",
                                "no account by that name here",
                                "no existe dicha persona",
                                "no existe ese usuario ",
                                "no mail box available for this user",
                                "no mailbox by that name is currently available",
                                "no mailbox found",
                                "no such address here",
                                "no such mailbox",
                                "no such person at this address",
                                "no such recipient",
                                "no such user",
                                "no thank you rejected: account unavailable",
                                "no valid recipients, bye",
                                "not a valid recipient",
                                "not a valid user here",
                                "not a local address",
                                "not email addresses",
                                "recipient address rejected. (in reply to rcpt to command)",
                                "recipient address rejected: access denied",
                                "recipient address rejected: invalid user",
                                "recipient address rejected: invalid-recipient",
                                "recipient address rejected: unknown user",
                                "recipient address rejected: userunknown",
                                "recipient does not exist",
                                "recipient is not accepted",
                                "recipient is not local",
                                "recipient not exist",
                                "recipient not found",
                                "recipient not ok",
                                "recipient refuses to accept your mail",
                                "recipient unknown",
                                "requested action not taken: mailbox unavailable",
                                "resolver.adr.recipient notfound",
                                "sorry, user unknown",
                                "sorry, badrcptto",
                                "sorry, no mailbox here by that name",
                                "sorry, your envelope recipient has been denied",
                                "that domain or user isn't in my list of allowed rcpthosts",
                                "the email account that you tried to reach does not exist",
                                "the following recipients was undeliverable",
                                "the user's email name is not found",
                                "there is no one at this address",
                                "this address no longer accepts mail",
                                "this email address is wrong or no longer valid",
                                "this recipient is in my badrecipientto list",
                                "this recipient is not in my validrcptto list",
                                "this spectator does not exist",
                                "unknown mailbox",
                                "unknown recipient",
                                "unknown user",
                                "user does not exist",
                                "user missing home directory",
                                "user not active",
                                "user not exist",
                                "user not found",
                                "user not known",
                                "user unknown",
                                "utilisateur inconnu !",
                                "vdeliver: invalid or unknown virtual user",
                                "your envelope recipient is in my badrcptto list",
                                "invalid final delivery userid")
                        .inOrder("<", "> not found")
                        .inOrder("<", ">... blocked by ")
                        .inOrder("account ", " does not exist at the organization")
                        .inOrder("adresse d au moins un destinataire invalide. invalid recipient.", "416")
                        .inOrder("adresse d au moins un destinataire invalide. invalid recipient.", "418")
                        .inOrder("bad", "recipient")
                        .inOrder("mailbox ", "does not exist")
                        .inOrder("mailbox ", "unavailable or access denied")
                        .inOrder("no ", " in name directory")
                        .inOrder("non", "existent user")
                        .inOrder("rcpt <", " does not exist")
                        .inOrder("rcpt (", "t exist ")
                        .inOrder("recipient ", " was not found in")
                        .inOrder("recipient address rejected: user ", "  does not exist")
                        .inOrder("recipient address rejected: user unknown in ", "  table")
                        .inOrder("said: 550-5.1.1 ", " user unknown ")
                        .inOrder("said: 550 5.1.1 ", " user unknown ")
                        .inOrder("this user doesn't have a ", " account")
                        .inOrder("unknown e", "mail address")
                        .inOrder("unknown local", "part")
                        .inOrder("user ", " was not found")
                        .inOrder("user ", " does not exist")
                        .inOrder("user (", ") unknown")
                        .build());
    }

    /** An MTA's "bad mailbox" may be a disabled or full one; Sisimai examines it again. */
    @Override
    public boolean reexamined() {
        return true;
    }
}
