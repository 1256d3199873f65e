package io.mailroute.topology.bouncereport.reason;

/** The receiving host found a virus or malware in the message. */
final class VirusDetected extends Reason {
    VirusDetected() {
        super(
                "virusdetected",
                WordList.builder()
                        .phrases(
                                "it has a potentially executable attachment",
                                "the message was rejected because it contains prohibited virus or spam content",
                                "this form of attachment has been used by recent viruses or other malware",
                                "virus detected",
                                "virus phishing/malicious_url detected",
                                "your message was infected with a virus")
                        .build());
    }
}
