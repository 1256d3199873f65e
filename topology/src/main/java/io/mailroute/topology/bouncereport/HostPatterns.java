package io.mailroute.topology.bouncereport;

import io.mailroute.topology.match.LinearMatcher;
import io.mailroute.topology.match.LinearPattern;
import java.util.List;
import java.util.Locale;

/**
 * Codes and messages particular receiving hosts use ({@code host-patterns.tsv}), after Sisimai's
 * Rhost classes: the receiving host is recognized by the recipient's domain or the MTAs the report
 * names, and its own codes then decide the reason.
 */
final class HostPatterns {
    private static final String CODE_RANGE = "aup-code:";
    private static final String LABEL_CODE = "label-code:";
    private static final LinearPattern PTT_LABEL = LinearPattern.compile("(?:lpn|ofr|ouk)[^\\s]*");
    private static final LinearPattern AUP_CODE = LinearPattern.compile("aup#[-a-z]*(\\d{4})");
    private static final HostPatterns INSTANCE = new HostPatterns(load());

    private final List<String[]> rows;

    private HostPatterns(final List<String[]> rows) {
        this.rows = rows;
    }

    static HostPatterns get() {
        return INSTANCE;
    }

    /**
     * The reason the receiving host gives the lower-case diagnostic, or null. Like Sisimai's Rhost,
     * the host is chosen once, by the first of the recipient's domain, the remote MTA, the reporting
     * MTA and a host the diagnostic names that is one the table knows; only its rows then apply.
     *
     * @param remoteMta    the DSN Remote-MTA, or null
     * @param reportingMta the DSN Reporting-MTA, or null
     */
    String reason(final String recipient, final String remoteMta, final String reportingMta, final String lowerText) {
        final String domain =
                recipient.substring(recipient.lastIndexOf('@') + 1).toLowerCase(Locale.ROOT);
        for (final String candidate : new String[] {domain, remoteMta, reportingMta}) {
            if (candidate == null || candidate.isEmpty()) {
                continue;
            }
            final String host = known(candidate.toLowerCase(Locale.ROOT));
            if (host != null) {
                return firstMatch(host, lowerText);
            }
        }
        for (final String[] row : rows) {
            if (lowerText.contains(row[0])) {
                return firstMatch(row[0], lowerText);
            }
        }
        return null;
    }

    private String known(final String host) {
        for (final String[] row : rows) {
            if (host.equals(row[0]) || host.endsWith("." + row[0])) {
                return row[0];
            }
        }
        return null;
    }

    private String firstMatch(final String host, final String lowerText) {
        final Codes codes = new Codes(lowerText);
        for (final String[] row : rows) {
            if (row[0].equals(host) && codes.match(row[2])) {
                return row[1];
            }
        }
        return null;
    }

    /** The diagnostic's label and AUP code, each searched for once however many rows ask. */
    private static final class Codes {
        private final String lowerText;
        private String lastLabel;
        private boolean labelSearched;
        private int aupCode = -1;
        private boolean aupSearched;

        Codes(final String lowerText) {
            this.lowerText = lowerText;
        }

        boolean match(final String fragment) {
            if (fragment.startsWith(LABEL_CODE)) {
                final String label = lastLabel();
                return label != null && label.endsWith(fragment.substring(LABEL_CODE.length()));
            }
            if (!fragment.startsWith(CODE_RANGE)) {
                return lowerText.contains(fragment);
            }
            final int number = aupCode();
            if (number < 0) {
                return false;
            }
            final String range = fragment.substring(CODE_RANGE.length());
            final int dash = range.indexOf('-');
            final int from = Integer.parseInt(range.substring(0, dash));
            final int to = Integer.parseInt(range.substring(dash + 1));
            return to == 0 ? number == from : number >= from && number <= to;
        }

        /** France Telecom and La Poste end their messages with a label and a number: "LPN007_416". */
        private String lastLabel() {
            if (!labelSearched) {
                labelSearched = true;
                final LinearMatcher label = PTT_LABEL.matcher(lowerText.replace('_', '-'));
                while (label.find()) {
                    lastLabel = label.group();
                }
            }
            return lastLabel;
        }

        private int aupCode() {
            if (!aupSearched) {
                aupSearched = true;
                final LinearMatcher code = AUP_CODE.matcher(lowerText);
                aupCode = code.find() ? Integer.parseInt(code.group(1)) : -1;
            }
            return aupCode;
        }
    }

    private static List<String[]> load() {
        return TsvRows.of("host-patterns.tsv");
    }
}
