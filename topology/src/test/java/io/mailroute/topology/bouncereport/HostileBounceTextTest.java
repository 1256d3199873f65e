package io.mailroute.topology.bouncereport;

import io.mailroute.topology.HostileText;
import io.mailroute.topology.bouncereport.lhost.Lhosts;
import io.mailroute.topology.bouncereport.rhost.Rhosts;
import io.mailroute.topology.parse.MailParseException;
import io.mailroute.topology.parse.MailParser;
import io.mailroute.topology.parse.ParsedMail;
import io.mailroute.topology.parse.ParserSettings;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.function.Consumer;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/** Every pattern family of the bounce classifier, timed on hostile text of up to a megabyte. */
class HostileBounceTextTest {
    /** Characters of hostile text in each field of the whole-classifier mail: the parser's limit of a header value. */
    private static final int FIELD_CHARS = 64 * 1024;

    private static final MailParser PARSER = new MailParser(ParserSettings.LENIENT);
    private static final Map<String, Consumer<String>> FAMILIES = new LinkedHashMap<>();
    /** The headers and opening lines by which each MTA reader recognises its format, hostile text to follow. */
    private static final List<String> MTA_REPORTS = List.of(
            "Subject: failure notice\nReceived: (qmail 1 invoked for bounce)\n\nHi. This is the qmail-send program\n",
            "Subject: Undelivered Mail Returned to Sender\n\nThis is the mail system at host a.example.\n",
            "Subject: Undeliverable: x\nContent-Language: en-US\n\nDiagnostic information for administrators:\n"
                    + "Generating server: a.example\n",
            "Subject: Delivery status notification: error\nFrom: Mailer Daemon <m@a.example>\n"
                    + "Received: by a.example (OpenSMTPD) with ESMTP\n\n"
                    + "This is the MAILER-DAEMON, please DO NOT REPLY to this e-mail.\n",
            "Subject: Undeliverable Mail \nX-Mailer: <SMTP32 v8.22>\n\nBody of message generated response:\n",
            "From: Mail Delivery System <m@a.example>\nSubject: Delivery status notification\n\n"
                    + "This is an automatically generated Delivery Status Notification.\n",
            "From: post_master@vtext.com\nReceived: from a.vtext.com (a)\n\nError: 550 - no such user here\n",
            "From: sysadmin@a.vzwpix.com\nReceived: from a.vtext.com (a)\n\nMessage could not be delivered to mobile.\n",
            "From: \"InterScan MSS\" <m@a.example>\n\nSent <<< RCPT TO:<b@a.example>\n",
            "Subject: Returned mail: see transcript for details\n\n"
                    + "   ----- Transcript of session follows -----\n... while talking to a.example.:\n",
            "Subject: Undeliverable: x\nX-MS-Exchange-Message-Is-Ndr: \nX-MS-Exchange-CrossTenant-FromEntityHeader: Hosted\n\n"
                    + "Delivery has failed to these recipients or groups:\n\nb@a.example<mailto:b@a.example>\n",
            "From: <Postmaster@ezweb.ne.jp>\nSubject: Mail System Error - Returned Mail\n\n"
                    + "The user(s) account is disabled.\n\n    Recipient: <b@ezweb.ne.jp>\n",
            "Subject: Delivery report\n\nHello, this is the mail server on a.example.\n\n"
                    + "Final-Recipient: rfc822;b@a.example\nX-PowerMTA-BounceCategory: bad-mailbox\n");

    static {
        FAMILIES.put("sender, subject, auto-reply and bounce-text words", text -> {
            BounceClassifier.BOUNCE_SENDER.find(text);
            BounceClassifier.BOUNCE_SUBJECT.find(text);
            BounceClassifier.AUTO_REPLY_SUBJECT.find(text);
            BounceClassifier.BOUNCE_TEXT.find(text);
        });
        FAMILIES.put("status and reply codes", text -> {
            StatusCodes.status(text);
            StatusCodes.find(text);
            StatusCodes.replyCode(text);
        });
        FAMILIES.put("SMTP command", text -> SmtpCommand.in(text.toLowerCase(Locale.ROOT)));
        FAMILIES.put("plain-text recipients", text -> PlainTextFailures.read(text, Set.of()));
        FAMILIES.put("delivery-status fields", DeliveryStatusFields::read);
        FAMILIES.put("MTA formats", text -> {
            for (final String report : MTA_REPORTS) {
                Lhosts.inspect(parse(report + text).report());
            }
        });
        FAMILIES.put("receiving hosts' codes", text -> {
            Rhosts.reason("a@cox.net", null, null, "5.7.1", "RCPT", text);
            Rhosts.reason("a@orange.fr", null, null, "5.7.1", "RCPT", text);
            Rhosts.reason("a@charter.net", null, null, "5.7.1", "RCPT", text);
            Rhosts.reason("a@google.com", null, null, "5.7.1", "RCPT", text);
            Rhosts.reason("a@outlook.com", null, null, "5.7.850", "RCPT", text);
            Rhosts.reason("a@secureserver.net", null, null, "5.7.1", "RCPT", text);
            Rhosts.reason("a@i.ua", null, null, "5.1.1", "RCPT", text);
            Rhosts.reason("a@docomo.ne.jp", null, null, "5.0.0", "RCPT", text);
        });
        FAMILIES.put("concatenated mails", text -> ConcatenatedMails.split(text.getBytes(StandardCharsets.UTF_8)));
        FAMILIES.put(
                "report text and original-message marker",
                text -> parse("Content-Type: text/plain; charset=\"" + text + "\n\n" + text)
                        .report());
        // the classifier reads a reason from at most 6,000 characters; 64 KB is ten times that
        FAMILIES.put(
                "reasons",
                text -> new ReasonClassifier()
                        .reason(null, text.substring(0, Math.min(text.length(), 64 * 1024)), "failed", null));
        FAMILIES.put("whole classifier (feedback, ARF, reporting MTA, original sender)", text -> {
            final String field = text.substring(0, Math.min(text.length(), FIELD_CHARS));
            final String mail = "From: MAILER-DAEMON@example.com\nSubject: Undelivered Mail\n"
                    + "X-Failed-Recipients: " + field + "\n\nFeedback-Type: " + field + "\nOriginal-Rcpt-To: " + field
                    + "\nReporting-MTA: " + field + "\nX-Postfix-Sender: " + field + "\n" + text;
            new BounceClassifier().classify(parse(mail));
        });
    }

    private static ParsedMail parse(final String mail) {
        try {
            return PARSER.parse(mail.getBytes(StandardCharsets.UTF_8));
        } catch (MailParseException e) {
            throw new IllegalStateException(e);
        }
    }

    @BeforeAll
    static void warmUp() {
        final String bounceText = "Final-Recipient: rfc822; a@b.example\n550 5.1.1 <a@b.example>... user unknown";
        FAMILIES.values().forEach(family -> family.accept(bounceText.repeat(500)));
    }

    @Test
    void shouldReadEveryHostileTextWithinTheBoundAndWithoutOverflowingTheStack() {
        for (final Map.Entry<String, Consumer<String>> family : FAMILIES.entrySet()) {
            Duration slowest = Duration.ZERO;
            String slowestText = "";
            for (final Map.Entry<String, String> text : HostileText.samples().entrySet()) {
                final Duration took = HostileText.time(
                        family.getKey() + " on " + text.getKey(),
                        () -> family.getValue().accept(text.getValue()));
                if (took.compareTo(slowest) > 0) {
                    slowest = took;
                    slowestText = text.getKey();
                }
            }
            System.out.printf("bounce %-70s slowest %5d ms (%s)%n", family.getKey(), slowest.toMillis(), slowestText);
        }
    }
}
