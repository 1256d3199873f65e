package io.mailroute.topology.parse;

import io.mailroute.avro.AuthVerdicts;
import io.mailroute.avro.Verdict;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Set;

/**
 * Reads the verdicts the receiving server attached, trusting only what a sender cannot write:
 * the topmost {@code Authentication-Results} field when its authserv-id is trusted (the receiving
 * server prepends it; lower ones, and any from another server, may come from the sender). From it
 * come SPF, DKIM and DMARC with the domains they vouch for, aligned here with the From domain
 * (relaxed, {@link DomainAlignment}). {@code X-SES-Spam-Verdict} and {@code X-SES-Virus-Verdict}
 * count from the receiving server's block above that field; a FAIL counts wherever it is, since
 * it can only make mailroute stricter. Without a trusted field SPF, DKIM and DMARC are UNKNOWN.
 * Thread-safe.
 */
public final class AuthVerdictParser {
    private static final String RESULTS = "Authentication-Results";
    private static final String SPAM = "X-SES-Spam-Verdict";
    private static final String VIRUS = "X-SES-Virus-Verdict";

    private final Set<String> trustedAuthservIds;

    /** @param trustedAuthservIds authserv-ids of the receiving servers, in lower case */
    public AuthVerdictParser(final Set<String> trustedAuthservIds) {
        this.trustedAuthservIds = Set.copyOf(trustedAuthservIds);
    }

    public AuthVerdicts parse(final HeaderBlock headers) {
        final List<HeaderField> fields = headers.fields();
        int top = 0;
        while (top < fields.size() && !fields.get(top).is(RESULTS)) {
            top++;
        }
        final AuthenticationResults results = top < fields.size()
                ? AuthenticationResults.parse(fields.get(top).value())
                : null;
        final boolean trusted = results != null && trustedAuthservIds.contains(results.authservId());
        final String fromDomain = FromDomain.of(headers);
        // every field set: a default enum value would make Avro load its class, which it may not trust yet
        final AuthVerdicts.Builder verdicts = AuthVerdicts.newBuilder()
                .setFromDomain(fromDomain)
                .setSpam(serverVerdict(fields, trusted ? top : 0, SPAM))
                .setVirus(serverVerdict(fields, trusted ? top : 0, VIRUS))
                .setSpf(Verdict.UNKNOWN)
                .setDkim(Verdict.UNKNOWN)
                .setDmarc(Verdict.UNKNOWN)
                .setAuthservId(null)
                .setDkimDomains(List.of())
                .setSpfDomain(null)
                .setDkimAligned(false)
                .setSpfAligned(false);
        if (trusted) {
            verdicts.setAuthservId(results.authservId());
            spf(results, fromDomain, verdicts);
            dkim(results, fromDomain, verdicts);
            verdicts.setDmarc(dmarc(results, fromDomain));
        }
        return verdicts.build();
    }

    /** The topmost verdict among the server's {@code block} fields, but FAIL when any field says FAIL. */
    private static Verdict serverVerdict(final List<HeaderField> fields, final int block, final String name) {
        Verdict verdict = Verdict.UNKNOWN;
        for (int i = 0; i < fields.size(); i++) {
            if (fields.get(i).is(name)) {
                final Verdict found = verdict(fields.get(i).value());
                if (found == Verdict.FAIL) {
                    return Verdict.FAIL;
                }
                if (i < block && verdict == Verdict.UNKNOWN) {
                    verdict = found;
                }
            }
        }
        return verdict;
    }

    /** SPF, and the domain it checked: the envelope sender's, or the HELO name's for an empty sender. */
    private static void spf(
            final AuthenticationResults results, final String fromDomain, final AuthVerdicts.Builder verdicts) {
        final List<AuthenticationResults.Result> spf = of(results, "spf");
        if (spf.isEmpty()) {
            return;
        }
        final AuthenticationResults.Result first = spf.get(0);
        final Verdict verdict = agreed(spf);
        final String sender = withoutBrackets(first.property("smtp.mailfrom", "envelope-from"));
        final String domain = sender.isEmpty()
                ? DomainName.ofAddress(first.property("smtp.helo", "helo"))
                : DomainName.ofAddress(sender);
        verdicts.setSpf(verdict)
                .setSpfDomain(domain)
                .setSpfAligned(verdict == Verdict.PASS && DomainAlignment.aligned(domain, fromDomain));
    }

    /** The address without blanks and angle brackets; "" for none or the null sender. */
    private static String withoutBrackets(final String address) {
        if (address == null) {
            return "";
        }
        String bare = address.strip();
        if (bare.startsWith("<")) {
            bare = bare.substring(1);
        }
        if (bare.endsWith(">")) {
            bare = bare.substring(0, bare.length() - 1);
        }
        return bare.strip();
    }

    /** DKIM: PASS when any signature passed, with the domains of those that did. */
    private static void dkim(
            final AuthenticationResults results, final String fromDomain, final AuthVerdicts.Builder verdicts) {
        Verdict verdict = null;
        final List<String> passed = new ArrayList<>(2);
        for (final AuthenticationResults.Result signature : of(results, "dkim")) {
            final Verdict result = verdict(signature.result());
            verdict = verdict == null || result == Verdict.PASS ? result : verdict;
            final String domain = result == Verdict.PASS ? signingDomain(signature) : null;
            if (domain != null && !passed.contains(domain)) {
                passed.add(domain);
            }
        }
        verdicts.setDkim(verdict == null ? Verdict.UNKNOWN : verdict)
                .setDkimDomains(passed)
                .setDkimAligned(passed.stream().anyMatch(d -> DomainAlignment.aligned(d, fromDomain)));
    }

    private static String signingDomain(final AuthenticationResults.Result signature) {
        final String d = signature.property("header.d");
        return d != null ? DomainName.normalize(d) : DomainName.ofAddress(signature.property("header.i"));
    }

    /**
     * DMARC as reported, except that a pass counts only for the mail's one From domain: a pass for
     * another header.from, or for a mail without a From domain, is a FAIL here.
     */
    private static Verdict dmarc(final AuthenticationResults results, final String fromDomain) {
        final List<AuthenticationResults.Result> dmarc = of(results, "dmarc");
        if (dmarc.isEmpty()) {
            return Verdict.UNKNOWN;
        }
        final Verdict verdict = agreed(dmarc);
        if (verdict != Verdict.PASS) {
            return verdict;
        }
        for (final AuthenticationResults.Result result : dmarc) {
            final String headerFrom = result.property("header.from");
            if (fromDomain == null || headerFrom != null && !fromDomain.equals(DomainName.normalize(headerFrom))) {
                return Verdict.FAIL;
            }
        }
        return Verdict.PASS;
    }

    /** The result of a method reported once; reported more often, PASS only when every report passed. */
    private static Verdict agreed(final List<AuthenticationResults.Result> reports) {
        for (final AuthenticationResults.Result report : reports) {
            final Verdict verdict = verdict(report.result());
            if (verdict != Verdict.PASS) {
                return verdict;
            }
        }
        return Verdict.PASS;
    }

    private static List<AuthenticationResults.Result> of(final AuthenticationResults results, final String method) {
        return results.results().stream().filter(r -> r.method().equals(method)).toList();
    }

    /** The verdict a result word stands for; UNKNOWN for anything else. */
    static Verdict verdict(final String word) {
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
}
