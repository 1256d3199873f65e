package io.mailroute.topology.bouncereport.reason;

/** The receiving domain accepts no mail at all (a null MX, a host that takes no mail). */
final class NotAccept extends Reason {
    NotAccept() {
        super(
                "notaccept",
                WordList.builder()
                        .phrases(
                                "does not accept mail (nullmx)",
                                "host/domain does not accept mail",
                                "host does not accept mail",
                                "mail receiving disabled",
                                "name server: .: host not found",
                                "no mx record found for domain=",
                                "no route for current request",
                                "smtp protocol returned a permanent error",
                                "doesn't receive email")
                        .build());
    }

    /** Sisimai tells a host accepting no mail by the message as much as by the code. */
    @Override
    public boolean vagueByStatus() {
        return true;
    }
}
