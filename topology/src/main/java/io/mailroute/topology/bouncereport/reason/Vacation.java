package io.mailroute.topology.bouncereport.reason;

/** The reply is an out-of-office or vacation notice, not a failure. */
final class Vacation extends Reason {
    Vacation() {
        super(
                "vacation",
                WordList.builder()
                        .phrases(
                                "i am away on vacation",
                                "i am away until",
                                "i am out of the office",
                                "i will be traveling for work on")
                        .build());
    }
}
