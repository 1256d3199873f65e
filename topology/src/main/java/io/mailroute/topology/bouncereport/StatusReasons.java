package io.mailroute.topology.bouncereport;

import java.util.HashMap;
import java.util.Map;

/**
 * The reason an enhanced status code names ({@code status-reasons.tsv}), after Sisimai's
 * {@code Sisimai::SMTP::Status}.
 */
final class StatusReasons {
    private static final Map<String, String> BY_CODE = load();

    private StatusReasons() {}

    /** The reason the status code names, or null. */
    static String of(final String status) {
        return status == null ? null : BY_CODE.get(status);
    }

    private static Map<String, String> load() {
        final Map<String, String> byCode = new HashMap<>();
        for (final String[] row : TsvRows.of("status-reasons.tsv")) {
            byCode.put(row[0], row[1]);
        }
        return Map.copyOf(byCode);
    }
}
