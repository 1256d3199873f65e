package io.mailroute.topology.bouncereport.reason;

/** The receiving host refused the message for a malformed header or content it cannot take. */
final class ContentError extends Reason {
    ContentError() {
        super(
                "contenterror",
                WordList.builder()
                        .phrases(
                                "duplicate header",
                                "header size exceeds maximum permitted",
                                "improper use of 8-bit data in message header",
                                "message header size, or recipient list, exceeds policy limit",
                                "message mime complexity exceeds the policy maximum",
                                "routing loop detected -- too many received: headers",
                                "this message contain invalid mime headers",
                                "this message contain improperly-formatted binary content",
                                "this message contain text that uses unnecessary base64 encoding",
                                "header error",
                                "its content presents a potential")
                        .build());
    }

    /** Sisimai tells a content error by the message as much as by the code. */
    @Override
    public boolean vagueByStatus() {
        return true;
    }
}
