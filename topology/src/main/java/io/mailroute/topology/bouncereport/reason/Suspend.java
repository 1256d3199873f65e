package io.mailroute.topology.bouncereport.reason;

/** The recipient's mailbox exists but is suspended, disabled or inactive. */
final class Suspend extends Reason {
    Suspend() {
        super(
                "suspend",
                WordList.builder()
                        .phrases(
                                " is currently suspended",
                                " temporary locked",
                                "archived recipient",
                                "boite du destinataire archivee",
                                "email account that you tried to reach is disabled",
                                "has been suspended",
                                "inactive account",
                                "invalid/inactive user",
                                "is a deactivated mailbox",
                                "is unavailable: user is terminated",
                                "mailbox currently suspended",
                                "mailbox disabled",
                                "mailbox is frozen",
                                "mailbox unavailable or access denied",
                                "recipient rejected: temporarily inactive",
                                "recipient suspend the service",
                                "this account has been disabled or discontinued",
                                "this account has been temporarily suspended",
                                "this address no longer accepts mail",
                                "this mailbox is disabled",
                                "user or domain is disabled",
                                "user suspended",
                                "vdelivermail: account is locked email bounced",
                                "inactive email address",
                                "account that you tried to reach is inactive")
                        .build());
    }
}
