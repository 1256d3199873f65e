package io.mailroute.topology.bouncereport;

import io.mailroute.avro.AuthVerdicts;
import io.mailroute.avro.Bounce;
import io.mailroute.avro.Verdict;
import io.mailroute.topology.parse.DomainAlignment;
import java.util.List;
import java.util.Set;

/**
 * How far a bounce mail's report can be believed, from the authentication of the mail that carries
 * it. Anyone can write a DSN naming any address; a bounce is <em>verified</em> only when the mail
 * is authenticated for its From domain, the reporting domain (DMARC passed, or DKIM or SPF is
 * aligned with it: a DSN's From is usually {@code MAILER-DAEMON@<host>}, whose HELO SPF checks),
 * or when Amazon sent it and signed it (an SES notification: From and a passing DKIM signature in
 * Amazon's own domains, which an SES customer can use for neither). An unverified bounce still
 * names the domain it did authenticate as (a passing DKIM signature's, else a passing SPF
 * check's), so that two unverified reports agree only when two real domains stand behind them.
 */
public final class BounceAuthentication {
    /** Organizational domains Amazon sends SES notifications from and signs them with. */
    private static final Set<String> AMAZON = Set.of("amazonses.com", "amazonaws.com");

    private BounceAuthentication() {}

    /** The bounces of one mail with {@code verified} and {@code reportingDomain} set from its verdicts. */
    public static List<Bounce> mark(final List<Bounce> bounces, final AuthVerdicts auth) {
        if (bounces.isEmpty()) {
            return bounces;
        }
        final boolean verified = verified(auth);
        final String reportingDomain = reportingDomain(auth, verified);
        return bounces.stream()
                .map(b -> Bounce.newBuilder(b)
                        .setVerified(verified)
                        .setReportingDomain(reportingDomain)
                        .build())
                .toList();
    }

    static boolean verified(final AuthVerdicts auth) {
        return auth.getDmarc() == Verdict.PASS || auth.getDkimAligned() || auth.getSpfAligned() || sentByAmazon(auth);
    }

    private static boolean sentByAmazon(final AuthVerdicts auth) {
        return isAmazon(auth.getFromDomain())
                && auth.getDkimDomains().stream().anyMatch(BounceAuthentication::isAmazon);
    }

    private static boolean isAmazon(final String domain) {
        final String organizational = DomainAlignment.organizational(domain);
        return organizational != null && AMAZON.contains(organizational);
    }

    /** The organizational domain the mail authenticated as, or null when nothing authenticated. */
    private static String reportingDomain(final AuthVerdicts auth, final boolean verified) {
        if (verified) {
            return organizational(auth.getFromDomain());
        }
        if (!auth.getDkimDomains().isEmpty()) {
            return organizational(auth.getDkimDomains().get(0));
        }
        return auth.getSpf() == Verdict.PASS ? organizational(auth.getSpfDomain()) : null;
    }

    private static String organizational(final String domain) {
        final String organizational = DomainAlignment.organizational(domain);
        return organizational != null ? organizational : domain;
    }
}
