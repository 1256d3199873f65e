package io.mailroute.topology.pipeline;

import io.mailroute.avro.Alert;
import io.mailroute.avro.AlertLevel;
import io.mailroute.avro.AlertType;
import io.mailroute.topology.Hashes;
import io.mailroute.topology.parse.ParsedMail;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.regex.Pattern;
import org.apache.kafka.streams.kstream.Reducer;

/**
 * New mail patterns: mails no rule matches are grouped by sender domain and subject shape (the
 * subject lower-cased, reply prefixes dropped, numbers and ids masked) so that a human adds one
 * rule per pattern, not per mail. Each unmatched mail is one sighting; sightings of a pattern are
 * summed into its alert.
 */
public final class NewPatterns {
    /** Mail ids kept as samples in an alert. */
    static final int SAMPLES = 5;

    private static final Pattern PREFIXES = Pattern.compile("^(?:\\s*(?:re|fw|fwd|aw|sv|転送|返信)\\s*[:：]\\s*|\\s*\\[external]\\s*)+",
            Pattern.CASE_INSENSITIVE | Pattern.UNICODE_CASE);
    private static final Pattern IDS = Pattern.compile("\\b(?=[\\p{Alnum}-]*\\d)(?=[\\p{Alnum}-]*\\p{Alpha})[\\p{Alnum}-]{8,}\\b");
    private static final Pattern DIGITS = Pattern.compile("\\d+");
    private static final Pattern BLANKS = Pattern.compile("\\s+");
    private static final int MAX_SHAPE = 120;

    private NewPatterns() {}

    /** The shape of a subject: what stays the same between mails of one kind. */
    public static String shape(final String subject) {
        if (subject == null || subject.isBlank()) {
            return "(no subject)";
        }
        String s = subject.toLowerCase(Locale.ROOT);
        s = PREFIXES.matcher(s).replaceFirst("");
        s = IDS.matcher(s).replaceAll("*");
        s = DIGITS.matcher(s).replaceAll("#");
        s = BLANKS.matcher(s).replaceAll(" ").strip();
        return s.length() > MAX_SHAPE ? s.substring(0, MAX_SHAPE) : s;
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
        return new Alert(key(domain, shape), AlertType.NEW_PATTERN, AlertLevel.WARNING, domain + ": " + shape,
                "No rule matches mail from " + domain + " with subjects like '" + shape + "'", 1L, null, null, null, at, at,
                List.of(mailId), Map.of("sender", sender, "senderDomain", domain, "subjectShape", shape), at);
    }

    static String senderDomain(final ParsedMail mail) {
        if (mail.from() == null) {
            return "(no sender)";
        }
        final String normalized = mail.from().getNormalized();
        final int at = normalized.lastIndexOf('@');
        return at < 0 ? normalized : normalized.substring(at + 1);
    }

    /** Sums sightings of one pattern: counts added, window widened, the latest sender kept, a few samples. */
    public static Reducer<Alert> summing() {
        return (total, sighting) -> {
            final Set<String> samples = new LinkedHashSet<>(total.getSampleMailIds());
            samples.addAll(sighting.getSampleMailIds());
            final List<String> kept = new ArrayList<>(samples).subList(0, Math.min(SAMPLES, samples.size()));
            return new Alert(total.getAlertKey(), total.getType(), total.getLevel(), total.getScope(), sighting.getMessage(),
                    total.getCount() + sighting.getCount(), null, null, null,
                    min(total.getWindowStart(), sighting.getWindowStart()), max(total.getWindowEnd(), sighting.getWindowEnd()),
                    List.copyOf(kept), sighting.getAttributes(), sighting.getRaisedAt());
        };
    }

    private static Instant min(final Instant a, final Instant b) {
        return a == null ? b : b == null || a.isBefore(b) ? a : b;
    }

    private static Instant max(final Instant a, final Instant b) {
        return a == null ? b : b == null || a.isAfter(b) ? a : b;
    }
}
