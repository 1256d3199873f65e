package io.mailroute.topology.bouncereport.reason;

/** The receiving host refused to relay for the recipient's domain. */
final class NoRelaying extends Reason {
    NoRelaying() {
        super(
                "norelaying",
                WordList.builder()
                        .phrases(
                                "as a relay",
                                "email address is not verified.",
                                "insecure mail relay",
                                "is not permitted to relay through this server without authentication",
                                "mail server requires authentication when attempting to send to a non-local e-mail address",
                                "no relaying",
                                "not a gateway",
                                "not allowed to relay through this machine",
                                "not an open relay, so get lost",
                                "not local host",
                                "relay access denied",
                                "relay denied",
                                "relay not permitted",
                                "relaying denied",
                                "relaying mail to ",
                                "specified domain is not allowed",
                                "that domain isn't in my list of allowed rcpthost",
                                "this system is not configured to relay mail",
                                "unable to relay for",
                                "we don't handle mail for")
                        .build());
    }
}
