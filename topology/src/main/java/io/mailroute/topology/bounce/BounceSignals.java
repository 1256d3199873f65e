package io.mailroute.topology.bounce;

import io.mailroute.topology.parse.ParsedMail;
import java.nio.charset.StandardCharsets;
import java.util.Locale;
import java.util.regex.Pattern;

/**
 * Whether a mail can be a bounce at all, from its parsed headers and a scan of its raw bytes for
 * the tokens of reports, so that the classifier's MIME walk runs for candidates only (about one
 * mail in eight, not every mail a rule asks about). It lets through everything
 * {@link BounceClassifier} recognises; {@code SisimaiCorpusTest} measures the classifier behind it.
 */
final class BounceSignals {
    /** Report parts, DSN and ARF fields, SES notifications and the phrases of MTA-written bounces. */
    private static final Pattern REPORT_TOKENS = Pattern.compile(
            "(?i)(?:final-recipient|delivery-status|feedback-report|feedback-type|rfc822-headers|x-hmxmroriginalrecipient"
                    + "|notificationtype|eventtype|x-failed-recipients)");

    private BounceSignals() {}

    static boolean present(final byte[] raw, final ParsedMail parsed) {
        return oldMacNewlines(raw) || headersSay(parsed) || bodySays(new String(raw, StandardCharsets.ISO_8859_1));
    }

    /** CR-only lines: the parser finds no header fields in them, the classifier's own reader does. */
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
                || BounceClassifier.BOUNCE_SENDER.matcher(parsed.headers().first("From").orElse("")).find()
                || BounceClassifier.BOUNCE_SUBJECT.matcher(subject).find()
                || BounceClassifier.AUTO_REPLY_SUBJECT.matcher(subject).find()
                || auto.startsWith("auto-replied")
                || parsed.headers().first("X-Autoreply").isPresent()
                || parsed.headers().first("X-Autorespond").isPresent();
    }

    private static boolean bodySays(final String latin1) {
        return REPORT_TOKENS.matcher(latin1).find() || BounceClassifier.BOUNCE_TEXT.matcher(latin1).find();
    }
}
