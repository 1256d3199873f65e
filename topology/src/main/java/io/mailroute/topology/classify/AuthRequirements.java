package io.mailroute.topology.classify;

import io.mailroute.avro.AuthRequirement;
import io.mailroute.avro.AuthVerdicts;
import io.mailroute.avro.Verdict;

/**
 * Whether a mail passed the sender authentication a rule requires ({@code requireAuth}), and if
 * not, why, in words an operator can act on. Every requirement is about the From domain: DMARC
 * must pass for it, a passing DKIM signature must be aligned with it, and SPF counts only when the
 * envelope domain it checked is aligned with it (SPF alone says nothing about the From).
 */
public final class AuthRequirements {
    private AuthRequirements() {}

    /** Why {@code requirement} was not met, or null when it was. */
    public static String failure(final AuthRequirement requirement, final AuthVerdicts auth) {
        final boolean dmarc = auth.getDmarc() == Verdict.PASS;
        final boolean passed = switch (requirement) {
            case NONE -> true;
            case DMARC -> dmarc;
            case DKIM -> auth.getDkimAligned();
            case DMARC_OR_DKIM -> dmarc || auth.getDkimAligned();
            case SPF -> auth.getSpfAligned();
        };
        if (passed) {
            return null;
        }
        final String prefix = requirement + " required: ";
        if (auth.getAuthservId() == null) {
            return prefix + "no Authentication-Results from a trusted receiving server";
        }
        return prefix
                + switch (requirement) {
                    case DMARC -> dmarc(auth);
                    case DKIM -> dkim(auth);
                    case SPF -> spf(auth);
                    default -> dmarc(auth) + ", " + dkim(auth);
                };
    }

    private static String dmarc(final AuthVerdicts auth) {
        return "dmarc=" + auth.getDmarc();
    }

    private static String dkim(final AuthVerdicts auth) {
        final String signed = auth.getDkimDomains().isEmpty()
                ? "no signature passed"
                : "signed: " + String.join(", ", auth.getDkimDomains());
        return auth.getFromDomain() == null
                ? "no single From address to align a DKIM signature with (" + signed + ")"
                : "no DKIM signature aligned with " + auth.getFromDomain() + " (" + signed + ")";
    }

    private static String spf(final AuthVerdicts auth) {
        if (auth.getSpf() != Verdict.PASS) {
            return "spf=" + auth.getSpf();
        }
        return "spf=PASS for " + auth.getSpfDomain() + ", not aligned with "
                + (auth.getFromDomain() == null ? "a single From address" : auth.getFromDomain());
    }
}
