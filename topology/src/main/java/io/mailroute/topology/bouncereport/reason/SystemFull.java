package io.mailroute.topology.bouncereport.reason;

/** The receiving host's disk or queue is full. */
final class SystemFull extends Reason {
    SystemFull() {
        super(
                "systemfull",
                WordList.builder()
                        .phrases(
                                "mail system full",
                                "requested mail action aborted: exceeded storage allocation",
                                "insufficient disk space",
                                "insufficient system storage")
                        .build());
    }
}
