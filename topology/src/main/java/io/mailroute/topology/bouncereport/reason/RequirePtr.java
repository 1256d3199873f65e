package io.mailroute.topology.bouncereport.reason;

/** The receiving host requires a reverse DNS (PTR) record of the sending IP address. */
final class RequirePtr extends Reason {
    RequirePtr() {
        super(
                "requireptr",
                WordList.builder()
                        .phrases(
                                "access denied. ip name lookup failed",
                                "all mail servers must have a ptr record with a valid reverse dns entry",
                                "bad dns ptr resource record",
                                "cannot find your hostname",
                                "client host rejected: cannot find your hostname",
                                "fix reverse dns for ",
                                "ips with missing ptr records",
                                "no ptr record found.",
                                "please get a custom reverse dns name from your isp for your host",
                                "ptr record setup",
                                "reverse dns failed",
                                "reverse dns required",
                                "sender ip reverse lookup rejected",
                                "the ip address sending this message does not have a ptr record setup",
                                "the corresponding forward dns entry does not point to the sending ip",
                                "this system will not accept messages from servers/devices with no reverse dns",
                                "unresolvable relay host name",
                                "we do not accept mail from hosts with dynamic ip or generic dns ptr-records")
                        .inOrder("domain ", " mismatches client ip")
                        .inOrder("dns lookup failure: ", " try again later")
                        .inOrder("reverse dns lookup for host ", " failed permanently")
                        .inOrder("server access ", " forbidden by invalid rdns record of your mail server")
                        .inOrder("service permits ", " unverifyable sending ips")
                        .build());
    }
}
