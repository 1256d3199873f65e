package io.mailroute.topology;

import java.nio.charset.StandardCharsets;

/** Small mails for tests, written the way SES stores them (verdict headers on top, CRLF). */
final class TestMails {
    static final String AUTH_PASS = "X-SES-Spam-Verdict: PASS\r\nX-SES-Virus-Verdict: PASS\r\n"
            + "Authentication-Results: amazonses.com; spf=pass smtp.mailfrom=amazonses.com;"
            + " dkim=pass header.i=@amazon.com; dmarc=pass header.from=amazon.com\r\n";

    private TestMails() {}

    /** A plain-text mail with passing verdicts. */
    static byte[] mail(final String from, final String to, final String subject, final String body) {
        return (AUTH_PASS + "From: " + from + "\r\nTo: " + to + "\r\nSubject: " + subject
                        + "\r\nDate: Mon, 16 Nov 2026 09:00:00 +0000\r\nContent-Type: text/plain; charset=utf-8\r\n\r\n"
                        + body + "\r\n")
                .getBytes(StandardCharsets.UTF_8);
    }

    /** An AWS billing notice to {@code to}: matches the default pack's aws-billing rule. */
    static byte[] awsBilling(final String to) {
        return mail(
                "Amazon Web Services <aws-billing@amazon.com>",
                to,
                "Amazon Web Services Billing Statement Available",
                "Your statement is available.");
    }

    /** A mail no default rule matches. */
    static byte[] unknownPattern(final String to, final String subject) {
        return mail("Weekly <weekly@news.example.org>", to, subject, "News.");
    }
}
