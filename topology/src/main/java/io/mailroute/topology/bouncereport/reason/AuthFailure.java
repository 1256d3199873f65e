package io.mailroute.topology.bouncereport.reason;

/** The sending domain failed SPF, DKIM or DMARC at the receiving host. */
final class AuthFailure extends Reason {
    AuthFailure() {
        super(
                "authfailure",
                WordList.builder()
                        .phrases(
                                "//spf.pobox.com",
                                "bad spf records for",
                                "dmarc policy",
                                "please inspect your spf settings",
                                "sender policy framework (spf) fail",
                                "sender policy framework violation",
                                "spf (sender policy framework) domain authentication fail",
                                "spf check: fail",
                                "unauthenticated email from",
                                "does not have authentication information")
                        .inOrder(" is not allowed to send mail.", "_401")
                        .inOrder("is not allowed to send from <", " per it's spf record")
                        .build());
    }
}
