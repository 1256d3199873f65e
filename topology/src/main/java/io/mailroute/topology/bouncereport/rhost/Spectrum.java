package io.mailroute.topology.bouncereport.rhost;

import io.mailroute.topology.match.LinearMatcher;
import io.mailroute.topology.match.LinearPattern;

/**
 * Charter Spectrum (after Sisimai's {@code Sisimai::Rhost::Spectrum}): its refusals carry an
 * acceptable-use code {@code AUP#xxxx-1260} whose number falls in a range that names the reason.
 */
final class Spectrum extends Rhost {
    private static final LinearPattern AUP_CODE = LinearPattern.compile("aup#[-a-z]*(\\d{4})");
    /** The first and last code of each range, with its reason, in the order they are tried. */
    private static final Range[] RANGES = {
        new Range(1000, 1000, "blocked"),
        new Range(1010, 1010, "rejected"),
        new Range(1020, 1080, "rejected"),
        new Range(1090, 1090, "systemerror"),
        new Range(1100, 1150, "requireptr"),
        new Range(1160, 1190, "policyviolation"),
        new Range(1200, 1210, "blocked"),
        new Range(1220, 1250, "blocked"),
        new Range(1260, 1260, "networkerror"),
        new Range(1300, 1340, "ratelimited"),
        new Range(1350, 1490, "ratelimited"),
        new Range(1500, 1500, "rejected"),
        new Range(1520, 1520, "rejected"),
        new Range(1530, 1530, "emailtoolarge"),
        new Range(1540, 1540, "ratelimited"),
        new Range(1550, 1550, "ratelimited"),
        new Range(1560, 1560, "policyviolation"),
        new Range(1580, 1580, "ratelimited")
    };

    Spectrum() {
        super("charter.net");
    }

    @Override
    String reason(final String status, final String command, final String lowerText) {
        final LinearMatcher code = AUP_CODE.matcher(lowerText);
        if (!code.find()) {
            return null;
        }
        final int number = Integer.parseInt(code.group(1));
        for (final Range range : RANGES) {
            if (number >= range.first() && number <= range.last()) {
                return range.reason();
            }
        }
        return null;
    }

    private record Range(int first, int last, String reason) {}
}
