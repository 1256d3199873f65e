package io.mailroute.topology.bouncereport.reason;

/** Delivery was given up after retrying for longer than the queue lifetime. */
final class Expired extends Reason {
    Expired() {
        super(
                "expired",
                WordList.builder()
                        .phrases(
                                "connection timed out",
                                "could not find a gateway for",
                                "delivery attempts will continue to be",
                                "delivery expired",
                                "delivery time expired",
                                "failed to deliver to domain ",
                                "giving up on",
                                "have been failing for a long time",
                                "has been delayed",
                                "it has not been collected after",
                                "message expired after sitting in queue for",
                                "message expired, cannot connect to remote server",
                                "message expired, connection refulsed",
                                "message timed out",
                                "retry time not reached for any host after a long failure period",
                                "server did not respond",
                                "this message has been in the queue too long",
                                "unable to deliver message after multiple retries",
                                "was not reachable within the allowed queue period",
                                "your message could not be delivered for more than",
                                "message expired",
                                "retry timeout exceeded",
                                "enqueued and undeliverable",
                                "message still undelivered after")
                        .inOrder("could not be delivered for", " days")
                        .build());
    }

    /** A message that waited too long may have been refused for a reason said later; Sisimai examines it again. */
    @Override
    public boolean reexamined() {
        return true;
    }
}
