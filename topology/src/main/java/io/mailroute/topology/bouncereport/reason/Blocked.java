package io.mailroute.topology.bouncereport.reason;

/** The receiving host refused the connection or the sending IP address (a block list, no reverse DNS, a banned host). */
final class Blocked extends Reason {
    Blocked() {
        super(
                "blocked",
                WordList.builder()
                        .phrases(
                                " said: 550 blocked",
                                "//www.spamcop.net/bl.",
                                "bad sender ip address",
                                "banned sending ip",
                                "blacklisted by",
                                "blocked using ",
                                "blocked - see http",
                                "dnsbl:attrbl",
                                "client host rejected: abus detecte gu_eib_02",
                                "client host rejected: abus detecte gu_eib_04",
                                "client host rejected: may not be mail exchanger",
                                "client host rejected: was not authenticated",
                                "confirm this mail server",
                                "connection dropped",
                                "connection refused by",
                                "connection reset by peer",
                                "connection was dropped by remote host",
                                "connections not accepted from ip addresses on spamhaus xbl",
                                "currently sending spam see: ",
                                "domain does not exist:",
                                "dynamic/zombied/spam ips blocked",
                                "error: no valid recipients from ",
                                "esmtp not accepting connections",
                                "extreme bad ip profile",
                                "go away",
                                "helo command rejected:",
                                "host network not allowed",
                                "hosts with dynamic ip",
                                "invalid ip for sending mail of domain",
                                "is in a black list",
                                "is not allowed to send mail from",
                                "no access from mail server",
                                "no matches to nameserver query",
                                "not currently accepting mail from your ip",
                                "part of their network is on our block list",
                                "please use the smtp server of your isp",
                                "refused - see http",
                                "rejected - multi-blacklist",
                                "rejected because the sending mta or the sender has not passed validation",
                                "rejecting open proxy",
                                "sender ip address rejected",
                                "server access forbidden by your ip ",
                                "service not available, closing transmission channel",
                                "smtp error from remote mail server after initial connection:",
                                "sorry, that domain isn't in my list of allowed rcpthosts",
                                "sorry, your remotehost looks suspiciously like spammer",
                                "temporarily deferred due to unexpected volume or user complaints",
                                "to submit messages to this e-mail system has been rejected",
                                "too many spams from your ip",
                                "too many unwanted messages have been sent from the following ip address above",
                                "was blocked by ",
                                "we do not accept mail from dynamic ips",
                                "you are not allowed to connect",
                                "you are sending spam",
                                "your ip address is listed in the rbl",
                                "your network is temporary blacklisted",
                                "your server requires confirmation",
                                "my name was rejected",
                                "spamhaus.org/query/bl")
                        .inOrder("(", "@", ":blocked)")
                        .inOrder("access from ip address ", " blocked")
                        .inOrder("client host ", " blocked using")
                        .inOrder("connections will not be accepted from ", " because the ip is in spamhaus's list")
                        .inOrder("dnsbl:rbl ", ">_is_blocked")
                        .inOrder("email blocked by ", ".barracudacentral.org")
                        .inOrder("email blocked by ", "spamhaus")
                        .inOrder("host ", " refused to talk to me: ", " blocked")
                        .inOrder("ip ", " is blocked by earthlink")
                        .inOrder("is in an ", "rbl on ")
                        .inOrder("mail server at ", " is blocked")
                        .inOrder("mail from ", " refused:")
                        .inOrder("message from ", " rejected based on blacklist")
                        .inOrder("messages from ", " temporarily deferred due to user complaints")
                        .inOrder("server ip ", " listed as abusive")
                        .inOrder("sorry! your ip address", " is blocked by rbl")
                        .inOrder("the domain ", " is blacklisted")
                        .inOrder("the email ", " is blacklisted")
                        .inOrder("the ip", " is blacklisted")
                        .inOrder("veuillez essayer plus tard. service refused, please try later. ", "103")
                        .inOrder("veuillez essayer plus tard. service refused, please try later. ", "510")
                        .inOrder("your sender's ip address is listed at ", ".abuseat.org")
                        .build());
    }

    /** Sisimai tells a blocked client by the message as much as by the code. */
    @Override
    public boolean vagueByStatus() {
        return true;
    }

    /** Sisimai's Blocked.true takes a status code naming a refused client as proof. */
    @Override
    public boolean provedByStatus() {
        return true;
    }
}
