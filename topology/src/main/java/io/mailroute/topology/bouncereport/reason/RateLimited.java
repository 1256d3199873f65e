package io.mailroute.topology.bouncereport.reason;

/** The sender exceeded the number of messages or connections the receiving host allows. */
final class RateLimited extends Reason {
    RateLimited() {
        super(
                "ratelimited",
                WordList.builder()
                        .phrases(
                                "mail sent from your ip address has been temporarily rate limited",
                                "please try again slower",
                                "receiving mail at a rate that prevents additional messages from being delivered",
                                "all available ips are at maximum connection limit",
                                "connection rate limit exceeded",
                                "exceeds per-domain connection limit for",
                                "has exceeded the max emails per hour ",
                                "throttling failure: daily message quota exceeded",
                                "throttling failure: maximum sending rate exceeded",
                                "too many connections",
                                "too many connections from your host.",
                                "too many concurrent smtp connections",
                                "too many errors from your ip",
                                "too many recipients",
                                "too many smtp sessions for this host",
                                "trop de connexions, ",
                                "we have already made numerous attempts to deliver this message")
                        .build());
    }
}
