package io.mailroute.topology.bouncereport.reason;

/** The message does not comply with RFC 5322 (duplicate headers, several From addresses). */
final class NotCompliantRfc extends Reason {
    NotCompliantRfc() {
        super(
                "notcompliantrfc",
                WordList.builder()
                        .phrases(
                                "this message is not rfc 5322 compliant",
                                "https://support.google.com/mail/?p=rfcmessagenoncompliant",
                                "messages with multiple addresses in from")
                        .inOrder("multiple", "addresses in from: header")
                        .build());
    }
}
