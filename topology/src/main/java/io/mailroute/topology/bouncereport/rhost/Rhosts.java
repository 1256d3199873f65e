package io.mailroute.topology.bouncereport.rhost;

import java.util.List;
import java.util.Locale;

/** The receiving hosts with codes of their own, in the order they are tried. */
public final class Rhosts {
    private static final List<Rhost> IN_ORDER = List.of(
            new Cox(),
            new Mimecast(),
            new Spectrum(),
            new Aol(),
            new Facebook(),
            new Kddi(),
            new MessageLabs(),
            new FrancePtt(),
            new Tencent(),
            new Google(),
            new Microsoft(),
            new GoDaddy(),
            new Iua(),
            new NttDocomo(),
            new Apple(),
            new YahooInc());

    private Rhosts() {}

    /**
     * The reason the receiving host gives the lower-case diagnostic, or null. Like Sisimai's Rhost,
     * the host is chosen once, by the first of the recipient's domain, the remote MTA, the reporting
     * MTA and a host the diagnostic names that is one of these; only its wording then applies.
     *
     * @param remoteMta    the DSN Remote-MTA, or null
     * @param reportingMta the DSN Reporting-MTA, or null
     * @param status       the enhanced status code the bounce reports, or null
     * @param command      the SMTP command the host refused, or null
     */
    public static String reason(
            final String recipient,
            final String remoteMta,
            final String reportingMta,
            final String status,
            final String command,
            final String lowerText) {
        final String domain = recipient.substring(recipient.lastIndexOf('@') + 1);
        for (final String candidate : new String[] {domain, remoteMta, reportingMta}) {
            if (candidate == null || candidate.isEmpty()) {
                continue;
            }
            final String host = candidate.toLowerCase(Locale.ROOT);
            for (final Rhost rhost : IN_ORDER) {
                if (rhost.serves(host)) {
                    return rhost.reason(status, command, lowerText);
                }
            }
        }
        for (final Rhost rhost : IN_ORDER) {
            if (rhost.namedIn(lowerText)) {
                return rhost.reason(status, command, lowerText);
            }
        }
        return null;
    }
}
