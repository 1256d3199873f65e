package io.mailroute.topology.bouncereport.reason;

/** The receiving host refused the sending IP address or domain for its poor reputation. */
final class BadReputation extends Reason {
    BadReputation() {
        super(
                "badreputation",
                WordList.builder()
                        .phrases(
                                "a poor email reputation score",
                                "has been temporarily rate limited due to ip reputation",
                                "ip/domain reputation problems",
                                "likely suspicious due to the very low reputation",
                                "none/bad reputation",
                                "temporarily deferred due to unexpected volume or user complaints",
                                "the sending mta's poor reputation")
                        .build());
    }
}
