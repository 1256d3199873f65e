package io.mailroute.topology.bouncereport;

import io.mailroute.topology.match.LinearMatcher;
import io.mailroute.topology.match.LinearPattern;
import io.mailroute.topology.match.TextSplit;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;

/**
 * Finds failed recipients in the text of a bounce that has no RFC 3464 fields (qmail, Exim,
 * Sendmail transcripts, Exchange NDR text, carrier bounces): addresses the text puts on a line of
 * their own, in angle brackets or after a recipient label, each with the paragraph that follows it
 * as its diagnostic.
 */
final class PlainTextFailures {
    private static final String ADDRESS = "[^\\s<>@\"(),;:\\[\\]]+@[A-Za-z0-9][A-Za-z0-9.-]*[A-Za-z0-9]";
    /*
     * A "to" right after a hyphen (Reply-To:, In-Reply-To:) labels no recipient: the alternative "-to"
     * consumes it and captures nothing, so no match can start at its "t" (as a lookbehind (?<![-]) said).
     */
    private static final LinearPattern STRONG = LinearPattern.compile("(?i)(?:^[ \\t]*<(" + ADDRESS + ")>"
            + "|^[245]\\d\\d[ -](?:[245]\\.\\d\\.\\d{1,3} )?<(" + ADDRESS + ")>\\.\\.\\."
            + "|^[ \\t]*\"?(" + ADDRESS + ")\"?[ \\t]*(?:$|:|\\.\\.\\.|\\(|<)"
            + "|-to"
            + "|\\b(?:RCPT TO|recipient|failed recipient|address|addresses|to|user|mailbox|destinataire)"
            + "(?:[ \\t]*:[ \\t]*<?|[ \\t]+<?|<)(" + ADDRESS + ")>?)");
    /** An address at the start or after whitespace or one of {@code <>:("'[}, which the match consumes. */
    private static final LinearPattern ANY = LinearPattern.compile("(?:^|[\\s<>:(\"'\\[])<?(" + ADDRESS + ")");

    private static final LinearPattern SERVICE =
            LinearPattern.compile("(?i)^(?:mailer-daemon|postmaster|mail-daemon|maildaemon|noreply|no-reply|abuse)@");
    private static final int MAX_DIAGNOSTIC = 1200;
    private static final LinearPattern SENDMAIL_LINE =
            LinearPattern.compile("^[245]\\d\\d[ -](?:[245]\\.\\d\\.\\d{1,3} )?<[^>]+>\\.\\.\\. ?\\S");
    private static final LinearPattern REPLY_CODE = LinearPattern.compile("\\b[45]\\d\\d\\b");

    private PlainTextFailures() {}

    static List<Failure> read(final String report, final Set<String> excluded) {
        final String[] lines = TextSplit.at(report, '\n');
        final Map<String, Integer> found = find(lines, STRONG, excluded);
        if (found.isEmpty()) {
            found.putAll(find(lines, ANY, excluded));
        }
        final List<Failure> failures = new ArrayList<>(found.size());
        final List<Integer> starts = new ArrayList<>(found.values());
        int index = 0;
        for (final Map.Entry<String, Integer> e : found.entrySet()) {
            final int next = index + 1 < starts.size() ? starts.get(index + 1) : lines.length;
            final String diagnostic = paragraph(lines, e.getValue(), next);
            failures.add(new Failure(e.getKey(), StatusCodes.status(diagnostic), diagnostic, "failed", null, null));
            index++;
        }
        return failures;
    }

    private static Map<String, Integer> find(
            final String[] lines, final LinearPattern pattern, final Set<String> excluded) {
        final Map<String, Integer> found = new LinkedHashMap<>();
        final Set<String> seen = new TreeSet<>(String.CASE_INSENSITIVE_ORDER);
        for (int i = 0; i < lines.length; i++) {
            final LinearMatcher m = pattern.matcher(lines[i]);
            while (m.find()) {
                String address = null;
                for (int g = 1; g <= m.groupCount() && address == null; g++) {
                    address = m.group(g);
                }
                if (address == null) {
                    continue;
                }
                address = trimQuotes(address);
                if (address.endsWith(".") && !address.contains("@")) {
                    continue;
                }
                final String lower = address.toLowerCase(Locale.ROOT);
                if (excluded.contains(lower) || SERVICE.find(lower) || !seen.add(lower)) {
                    continue;
                }
                found.put(address, i);
            }
        }
        return found;
    }

    /** The address without leading dots and quotes and without trailing quotes. */
    private static String trimQuotes(final String address) {
        int start = 0;
        while (start < address.length() && ".'`".indexOf(address.charAt(start)) >= 0) {
            start++;
        }
        int end = address.length();
        while (end > start && "'`".indexOf(address.charAt(end - 1)) >= 0) {
            end--;
        }
        return address.substring(start, end);
    }

    /** The lines from the recipient's line to the next recipient, stopping after the second paragraph. */
    private static String paragraph(final String[] lines, final int from, final int next) {
        if (SENDMAIL_LINE.find(lines[from])) {
            // "554 <addr>... reason": a Sendmail transcript says everything about the recipient on its line.
            return lines[from].strip();
        }
        final StringBuilder text = new StringBuilder();
        int paragraphs = 0;
        boolean inText = false;
        for (int i = from; i < lines.length && (i < next || i == from) && text.length() < MAX_DIAGNOSTIC; i++) {
            final String line = lines[i].strip();
            if (line.isEmpty()) {
                if (inText) {
                    paragraphs++;
                    inText = false;
                    if (paragraphs >= 3 || REPLY_CODE.find(text)) {
                        break;
                    }
                }
                continue;
            }
            inText = true;
            text.append(line).append(' ');
        }
        return text.toString().strip();
    }
}
