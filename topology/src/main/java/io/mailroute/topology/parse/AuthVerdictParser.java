package io.mailroute.topology.parse;

import io.mailroute.avro.AuthVerdicts;
import io.mailroute.avro.Verdict;
import io.mailroute.topology.match.LinearMatcher;
import io.mailroute.topology.match.LinearPattern;
import java.util.Locale;
import java.util.Optional;

/**
 * Reads the verdicts the receiving MTA attached: the topmost {@code Authentication-Results}
 * (the one the receiving MTA, e.g. SES, prepended; lower ones may come from the sender) for SPF,
 * DKIM and DMARC, falling back to SES's {@code X-SES-*-Verdict} headers; spam and virus from
 * {@code X-SES-Spam-Verdict} and {@code X-SES-Virus-Verdict}. Of several DKIM signatures, one
 * passing is enough.
 */
public final class AuthVerdictParser {
    private static final LinearPattern METHOD =
            LinearPattern.compile("(?i)(?:^|[;\\s])(spf|dkim|dmarc)\\s*=\\s*([a-z_]+)");

    private AuthVerdictParser() {}

    public static AuthVerdicts parse(final HeaderBlock headers) {
        Verdict spf = null;
        Verdict dkim = null;
        Verdict dmarc = null;
        final Optional<String> results = headers.first("Authentication-Results");
        if (results.isPresent()) {
            final LinearMatcher m = METHOD.matcher(stripComments(results.get()));
            while (m.find()) {
                final Verdict verdict = verdict(m.group(2));
                switch (m.group(1).toLowerCase(Locale.ROOT)) {
                    case "spf" -> spf = spf == null ? verdict : spf;
                    case "dkim" -> dkim = dkim == null || verdict == Verdict.PASS ? verdict : dkim;
                    case "dmarc" -> dmarc = dmarc == null ? verdict : dmarc;
                    // (?i) folds Unicode case, so "ſpf" (long s) is found too: it names no method
                    default -> { }
                }
            }
        }
        return new AuthVerdicts(
                spf != null ? spf : header(headers, "X-SES-SPF-Verdict"),
                dkim != null ? dkim : header(headers, "X-SES-DKIM-Verdict"),
                dmarc != null ? dmarc : header(headers, "X-SES-DMARC-Verdict"),
                header(headers, "X-SES-Spam-Verdict"),
                header(headers, "X-SES-Virus-Verdict"));
    }

    private static Verdict header(final HeaderBlock headers, final String name) {
        return headers.first(name).map(AuthVerdictParser::verdict).orElse(Verdict.UNKNOWN);
    }

    /** The verdict a result word stands for; UNKNOWN for anything else. */
    public static Verdict verdict(final String word) {
        return switch (word.strip().toLowerCase(Locale.ROOT)) {
            case "pass" -> Verdict.PASS;
            case "fail", "hardfail" -> Verdict.FAIL;
            case "softfail" -> Verdict.SOFTFAIL;
            case "neutral" -> Verdict.NEUTRAL;
            case "none" -> Verdict.NONE;
            case "gray", "grey" -> Verdict.GRAY;
            case "temperror" -> Verdict.TEMPERROR;
            case "permerror" -> Verdict.PERMERROR;
            case "processing_failed" -> Verdict.PROCESSING_FAILED;
            default -> Verdict.UNKNOWN;
        };
    }

    private static String stripComments(final String value) {
        if (value.indexOf('(') < 0) {
            return value;
        }
        final StringBuilder out = new StringBuilder(value.length());
        int depth = 0;
        for (int i = 0; i < value.length(); i++) {
            final char c = value.charAt(i);
            if (c == '(') {
                depth++;
            } else if (c == ')' && depth > 0) {
                depth--;
            } else if (depth == 0) {
                out.append(c);
            }
        }
        return out.toString();
    }
}
