package io.mailroute.topology.bouncereport.rhost;

import io.mailroute.topology.match.LinearMatcher;
import io.mailroute.topology.match.LinearPattern;
import java.util.Map;

/**
 * Orange and La Poste (after Sisimai's {@code Sisimai::Rhost::FrancePTT}): their messages end with
 * a label and a number, {@code LPN007_416} or {@code OFR005_505}, whose last three digits name the
 * reason; La Poste words a failed SPF check in French.
 */
final class FrancePtt extends Rhost {
    private static final LinearPattern LABEL = LinearPattern.compile("(?:lpn|ofr|ouk)[^\\s]*");
    private static final Map<String, String> BY_NUMBER = Map.ofEntries(
            Map.entry("101", "blocked"),
            Map.entry("102", "blocked"),
            Map.entry("103", "blocked"),
            Map.entry("104", "ratelimited"),
            Map.entry("305", "securityerror"),
            Map.entry("401", "authfailure"),
            Map.entry("402", "securityerror"),
            Map.entry("403", "rejected"),
            Map.entry("405", "rejected"),
            Map.entry("415", "rejected"),
            Map.entry("416", "userunknown"),
            Map.entry("417", "mailboxfull"),
            Map.entry("420", "suspend"),
            Map.entry("421", "rejected"),
            Map.entry("426", "suspend"),
            Map.entry("505", "systemerror"),
            Map.entry("506", "spamdetected"),
            Map.entry("510", "blocked"),
            Map.entry("514", "emailtoolarge"),
            Map.entry("517", "authfailure"),
            Map.entry("630", "policyviolation"),
            Map.entry("999", "blocked"));
    private static final String SPF_FAILED = "spf/dns de votre nom de domaine";

    FrancePtt() {
        super("laposte.net", "orange.fr", "wanadoo.fr");
    }

    @Override
    String reason(final String status, final String command, final String lowerText) {
        final String label = lastLabel(lowerText);
        final String byNumber =
                label == null || label.length() < 3 ? null : BY_NUMBER.get(label.substring(label.length() - 3));
        if (byNumber != null) {
            return byNumber;
        }
        return lowerText.contains(SPF_FAILED) ? "authfailure" : null;
    }

    private static String lastLabel(final String lowerText) {
        String last = null;
        final LinearMatcher label = LABEL.matcher(lowerText);
        while (label.find()) {
            last = label.group();
        }
        return last;
    }
}
