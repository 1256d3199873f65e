package io.mailroute.topology.bouncereport.reason;

/** The recipient's domain does not exist or has no host to deliver to. */
final class HostUnknown extends Reason {
    HostUnknown() {
        super(
                "hostunknown",
                WordList.builder()
                        .phrases(
                                "domain does not exist",
                                "domain is not reachable",
                                "domain must exist",
                                "host or domain name not found",
                                "host unknown",
                                "host unreachable",
                                "mail domain mentioned in email address is unknown",
                                "name or service not known",
                                "no such domain",
                                "recipient address rejected: unknown domain name",
                                "recipient domain must exist",
                                "the account or domain may not exist",
                                "unknown host",
                                "unroutable address",
                                "unrouteable address")
                        .build());
    }

    /** A domain an MTA could not resolve may be said better by the diagnostic; Sisimai examines it again. */
    @Override
    public boolean reexamined() {
        return true;
    }
}
