package io.mailroute.topology.bouncereport.reason;

/** The receiving host failed for an error of its own: a configuration mistake, a local failure, a mail loop. */
final class SystemError extends Reason {
    SystemError() {
        super(
                "systemerror",
                WordList.builder()
                        .phrases(
                                "aliasing/forwarding loop broken",
                                "can't create user output file",
                                "could not load drd for domain",
                                "internal error reading data",
                                "internal server error: operation now in progress",
                                "interrupted system call",
                                "it encountered an error while being processed",
                                "it would create a mail loop",
                                "local configuration error",
                                "local error in processing",
                                "loop was found in the mail exchanger",
                                "loops back to myself",
                                "mail system configuration error",
                                "queue file write error",
                                "recipient deferred because there is no mdb",
                                "remote server is misconfigured",
                                "server configuration error",
                                "service currently unavailable",
                                "system config error",
                                "temporary local problem",
                                "timeout waiting for input",
                                "transaction failed ")
                        .build());
    }

    /** The remote host's trouble says little of why; Sisimai examines it again. */
    @Override
    public boolean reexamined() {
        return true;
    }
}
