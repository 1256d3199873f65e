package io.mailroute.topology.bouncereport;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * The diagnostic-message pattern table and the status-code table, loaded once from
 * {@code reason-patterns.tsv} and {@code status-reasons.tsv} next to this class.
 */
final class ReasonPatterns {
    private static final ReasonPatterns GENERIC = load("reason-patterns.tsv");
    private static final ReasonPatterns MTA = load("mta-patterns.tsv");

    private final List<String[]> ordered;
    private final Map<String, List<String[]>> matches;
    private final Map<String, List<String>> vetoes;
    private final Map<String, String> statuses;

    private ReasonPatterns(
            final List<String[]> ordered,
            final Map<String, List<String[]>> matches,
            final Map<String, List<String>> vetoes,
            final Map<String, String> statuses) {
        this.ordered = ordered;
        this.matches = matches;
        this.vetoes = vetoes;
        this.statuses = statuses;
    }

    /** The generic table, after Sisimai's reason classes. */
    static ReasonPatterns generic() {
        return GENERIC;
    }

    /** Messages particular MTAs use, which decide the reason when they occur. */
    static ReasonPatterns mta() {
        return MTA;
    }

    /** The reason of the first row (in file order) whose fragments occur in the lower-case text, or null. */
    String first(final String text) {
        for (final String[] row : ordered) {
            if (aligned(text, java.util.Arrays.copyOfRange(row, 1, row.length))) {
                return row[0];
            }
        }
        return null;
    }

    /** True when the lower-case {@code text} carries one of the reason's messages (and none of its vetoes). */
    boolean matches(final String reason, final String text) {
        if (text.isEmpty()) {
            return false;
        }
        for (final String veto : vetoes.getOrDefault(reason, List.of())) {
            if (text.contains(veto)) {
                return false;
            }
        }
        for (final String[] fragments : matches.getOrDefault(reason, List.of())) {
            if (aligned(text, fragments)) {
                return true;
            }
        }
        return false;
    }

    /** The reason an enhanced status code names, or null. */
    String forStatus(final String status) {
        return status == null ? null : statuses.get(status);
    }

    private static boolean aligned(final String text, final String[] fragments) {
        int from = 0;
        for (final String fragment : fragments) {
            final int at = text.indexOf(fragment, from);
            if (at < 0) {
                return false;
            }
            from = at + fragment.length();
        }
        return true;
    }

    private static ReasonPatterns load(final String resource) {
        final List<String[]> ordered = new ArrayList<>();
        final Map<String, List<String[]>> matches = new HashMap<>();
        final Map<String, List<String>> vetoes = new HashMap<>();
        for (final String[] row : rows(resource)) {
            int end = row.length;
            while (end > 3 && row[end - 1].startsWith("#")) {
                end--;
            }
            final String[] fragments = java.util.Arrays.copyOfRange(row, 2, end);
            if (!row[1].equals("isnot")) {
                final String[] entry = new String[fragments.length + 1];
                entry[0] = row[0];
                System.arraycopy(fragments, 0, entry, 1, fragments.length);
                ordered.add(entry);
            }
            switch (row[1]) {
                case "isnot" ->
                    vetoes.computeIfAbsent(row[0], k -> new ArrayList<>()).add(row[2]);
                case "text", "pair" ->
                    matches.computeIfAbsent(row[0], k -> new ArrayList<>()).add(fragments);
                default -> throw new IllegalStateException("reason-patterns.tsv: unknown kind " + row[1]);
            }
        }
        final Map<String, String> statuses = new HashMap<>();
        for (final String[] row : rows("status-reasons.tsv")) {
            statuses.put(row[0], row[1]);
        }
        return new ReasonPatterns(ordered, matches, vetoes, statuses);
    }

    private static List<String[]> rows(final String resource) {
        return TsvRows.of(resource);
    }
}
