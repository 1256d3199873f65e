package io.mailroute.topology.bouncereport;

import io.mailroute.avro.Attachment;
import io.mailroute.topology.parse.MailBody;
import io.mailroute.topology.parse.ParsedMail;
import java.util.List;
import java.util.Locale;
import java.util.Set;

/**
 * Whether a mail can be a bounce at all, from its parsed headers, the part types of its body walk
 * and the tokens of reports in its body text, so that the walk for the report
 * ({@link ParsedMail#report()}) runs for candidates only (about one mail in eight, not every mail a
 * rule asks about). The body walk is the one the rules and the classified record need anyway; its
 * text is decoded, so base64 and quoted-printable bounce texts are read too. It lets through
 * everything {@link BounceClassifier} recognises on the shared corpus ({@code BounceSignalsCorpusTest});
 * {@code SisimaiCorpusTest} measures the classifier behind it.
 */
final class BounceSignals {
    /**
     * DSN and ARF fields, SES notifications and the phrases of MTA-written bounces
     * ({@link BounceClassifier#BOUNCE_TEXT} spelled out), in lower case: literal searches, because a
     * case-insensitive regex over every body cost more than the classifier it saves.
     */
    private static final List<String> BODY_TOKENS = List.of(
            "final-recipient",
            "delivery-status",
            "feedback-report",
            "feedback-type",
            "rfc822-headers",
            "x-hmxmroriginalrecipient",
            "notificationtype",
            "eventtype",
            "x-failed-recipients",
            "could not be delivered to",
            "couldn't be delivered",
            "was not delivered to",
            "delivery to the following recipient",
            "following addresses had",
            "error message below",
            "unable to deliver message",
            "unable to deliver your message",
            "message could not be delivered",
            "did not reach the following recipient");

    /** Parts of reports and of returned mail, as attachments of the body walk. */
    private static final Set<String> REPORT_PART_TYPES = Set.of(
            "message/feedback-report",
            "message/rfc822",
            "message/global",
            "message/global-headers",
            "message/global-delivery-status",
            "text/rfc822-headers",
            "message/delivery-status");

    private BounceSignals() {}

    static boolean present(final byte[] raw, final ParsedMail parsed) {
        return oldMacNewlines(raw) || headersSay(parsed) || bodySays(parsed.body());
    }

    /** CR-only lines: the parse for the rules finds no header fields in them, the report reading does. */
    private static boolean oldMacNewlines(final byte[] raw) {
        for (int i = 0; i < raw.length; i++) {
            if (raw[i] == '\n') {
                return false;
            }
            if (raw[i] == '\r') {
                return i + 1 == raw.length || raw[i + 1] != '\n';
            }
        }
        return false;
    }

    private static boolean headersSay(final ParsedMail parsed) {
        final String subject = parsed.subject() == null ? "" : parsed.subject();
        final String auto = parsed.headers().first("Auto-Submitted").orElse("").toLowerCase(Locale.ROOT);
        return parsed.isReport()
                || BounceClassifier.BOUNCE_SENDER.find(
                        parsed.headers().first("From").orElse(""))
                || BounceClassifier.BOUNCE_SUBJECT.find(subject)
                || BounceClassifier.AUTO_REPLY_SUBJECT.find(subject)
                || auto.startsWith("auto-replied")
                || parsed.headers().first("X-Failed-Recipients").isPresent()
                || parsed.headers().first("X-Autoreply").isPresent()
                || parsed.headers().first("X-Autorespond").isPresent();
    }

    private static boolean bodySays(final MailBody body) {
        if (body.reportParts()) {
            return true;
        }
        for (final Attachment attachment : body.attachments()) {
            if (REPORT_PART_TYPES.contains(attachment.getContentType())) {
                return true;
            }
        }
        final String text = body.text().toLowerCase(Locale.ROOT);
        for (final String token : BODY_TOKENS) {
            if (text.contains(token)) {
                return true;
            }
        }
        return false;
    }
}
