package io.mailroute.topology.classify;

import io.mailroute.avro.Alert;
import io.mailroute.avro.AlertLevel;
import io.mailroute.avro.AlertType;
import io.mailroute.topology.match.LinearMatcher;
import io.mailroute.topology.match.LinearPattern;
import io.mailroute.topology.match.Whitespace;
import io.mailroute.topology.parse.ParsedMail;
import io.mailroute.topology.support.Hashes;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.HexFormat;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/**
 * New mail patterns: mails no rule matches are grouped by sender domain and subject shape (the
 * subject lower-cased, reply prefixes dropped, numbers and ids masked) so that a human adds one
 * rule per pattern, not per mail. Each unmatched mail is one sighting; the route stage sums the
 * sightings of a pattern into its alert.
 */
public final class NewPatterns {
    /** Reply and forward prefixes; {@code [\s\x0B]} is the whitespace of java.util.regex's {@code \s}. */
    private static final LinearPattern PREFIXES = LinearPattern.compile("(?i)^(?:[\\s\\x0B]*(?:re|fw|fwd|aw|sv|転送|返信)"
            + "[\\s\\x0B]*[:：][\\s\\x0B]*|[\\s\\x0B]*\\[external][\\s\\x0B]*)+");
    /** Candidate ids: eight or more letters, digits and hyphens between word boundaries; see {@link #maskIds}. */
    private static final LinearPattern ID_CANDIDATES = LinearPattern.compile("\\b[A-Za-z0-9-]{8,}\\b");

    private static final LinearPattern DIGITS = LinearPattern.compile("\\d+");
    private static final int MAX_SHAPE = 120;
    /** Characters of a subject its shape is made of: the shape keeps 120, ids and runs of blanks shrink. */
    static final int MAX_SUBJECT = 1_000;

    private NewPatterns() {}

    /** The shape of a subject: what stays the same between mails of one kind. */
    public static String shape(final String subject) {
        if (subject == null || subject.isBlank()) {
            return "(no subject)";
        }
        String s = subject.length() > MAX_SUBJECT ? subject.substring(0, MAX_SUBJECT) : subject;
        s = s.toLowerCase(Locale.ROOT);
        final LinearMatcher prefixes = PREFIXES.matcher(s);
        if (prefixes.find()) {
            s = s.substring(prefixes.end());
        }
        s = maskIds(s);
        s = DIGITS.replaceAll(s, "#");
        s = Whitespace.collapse(s).strip();
        return s.length() > MAX_SHAPE ? s.substring(0, MAX_SHAPE) : s;
    }

    /**
     * {@code text} with every id replaced by {@code *}: a candidate whose run of letters, digits and
     * hyphens (which may go on past the candidate, up to a {@code _}) holds a digit and a letter.
     */
    private static String maskIds(final String text) {
        final LinearMatcher m = ID_CANDIDATES.matcher(text);
        final StringBuilder out = new StringBuilder(text.length());
        int copied = 0;
        while (m.find()) {
            if (isId(text, m.start())) {
                out.append(text, copied, m.start()).append('*');
                copied = m.end();
            }
        }
        return out.append(text, copied, text.length()).toString();
    }

    private static boolean isId(final String text, final int start) {
        boolean digit = false;
        boolean letter = false;
        for (int i = start; i < text.length(); i++) {
            final char c = text.charAt(i);
            final boolean isDigit = c >= '0' && c <= '9';
            final boolean isLetter = c >= 'a' && c <= 'z' || c >= 'A' && c <= 'Z';
            if (!isDigit && !isLetter && c != '-') {
                break;
            }
            digit |= isDigit;
            letter |= isLetter;
        }
        return digit && letter;
    }

    /** The key of a pattern, {@code new-pattern:<16 hex>}. */
    public static String key(final String senderDomain, final String shape) {
        final byte[] digest = Hashes.sha256().digest((senderDomain + "\n" + shape).getBytes(StandardCharsets.UTF_8));
        return "new-pattern:" + HexFormat.of().formatHex(digest, 0, 8);
    }

    /** One sighting of the pattern of {@code mail}. */
    static Alert sighting(final String mailId, final ParsedMail mail, final long now) {
        final String sender = mail.from() == null ? "(no sender)" : mail.from().getAddress();
        final String domain = senderDomain(mail);
        final String shape = shape(mail.subject());
        final Instant at = Instant.ofEpochMilli(now);
        return Alert.newBuilder()
                .setAlertKey(key(domain, shape))
                .setType(AlertType.NEW_PATTERN)
                .setLevel(AlertLevel.WARNING)
                .setScope(domain + ": " + shape)
                .setMessage("No rule matches mail from " + domain + " with subjects like '" + shape + "'")
                .setCount(1L)
                .setTotal(null)
                .setRate(null)
                .setThreshold(null)
                .setWindowStart(at)
                .setWindowEnd(at)
                .setSampleMailIds(List.of(mailId))
                .setAttributes(Map.of("sender", sender, "senderDomain", domain, "subjectShape", shape))
                .setRaisedAt(at)
                .build();
    }

    static String senderDomain(final ParsedMail mail) {
        if (mail.from() == null) {
            return "(no sender)";
        }
        final String normalized = mail.from().getNormalized();
        final int at = normalized.lastIndexOf('@');
        return at < 0 ? normalized : normalized.substring(at + 1);
    }
}
