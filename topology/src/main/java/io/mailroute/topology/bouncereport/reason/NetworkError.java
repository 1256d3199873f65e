package io.mailroute.topology.bouncereport.reason;

/** The receiving host could not be reached: a DNS failure, a routing loop, a refused or dropped connection. */
final class NetworkError extends Reason {
    NetworkError() {
        super(
                "networkerror",
                WordList.builder()
                        .phrases(
                                "could not connect and send the mail to",
                                "dns records for the destination computer could not be found",
                                "hop count exceeded - possible mail loop",
                                "host is unreachable",
                                "host name lookup failure",
                                "host not found, try again",
                                "mail forwarding loop for ",
                                "malformed name server reply",
                                "malformed or unexpected name server reply",
                                "maximum forwarding loop count exceeded",
                                "message looping",
                                "message probably in a routing loop",
                                "no route to host",
                                "too many hops",
                                "unable to resolve route ",
                                "unrouteable mail domain",
                                "wasn't able to establish an smtp connection")
                        .build());
    }

    /** A network failure may hide the refusal behind it; Sisimai examines it again. */
    @Override
    public boolean reexamined() {
        return true;
    }
}
