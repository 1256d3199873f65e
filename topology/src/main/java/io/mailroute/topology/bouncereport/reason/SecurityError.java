package io.mailroute.topology.bouncereport.reason;

/** The message was refused for a security reason: authentication required, a certificate, an access rule. */
final class SecurityError extends Reason {
    SecurityError() {
        super(
                "securityerror",
                WordList.builder()
                        .phrases(
                                "account not subscribed to ses",
                                "authentication credentials invalid",
                                "authentication failure",
                                "authentication required",
                                "authentication turned on in your email client",
                                "executable files are not allowed in compressed files",
                                "insecure mail relay",
                                "recipient address rejected: access denied",
                                "sorry, you don't authenticate or the domain isn't in my list of allowed rcpthosts",
                                "starttls is required to send mail",
                                "tls required but not supported",
                                "unauthenticated senders not allowed",
                                "verification failure",
                                "you are not authorized to send mail, authentication is required")
                        .inOrder("authentication failed; server ", " said: ")
                        .inOrder("authentification invalide", "305")
                        .inOrder("authentification requise", "402")
                        .inOrder("domain ", " is a dead domain")
                        .inOrder("user ", " is not authorized to perform ses:sendrawemail on resource")
                        .build());
    }

    /** A 5.7 code says little more than "refused"; Sisimai examines it again. */
    @Override
    public boolean reexamined() {
        return true;
    }
}
