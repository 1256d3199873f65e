package io.mailroute.topology.bouncereport;

import java.util.ArrayList;
import java.util.List;

/**
 * Messages particular MTAs and receiving hosts use, each deciding a reason when it occurs
 * ({@code mta-patterns.tsv}, after the {@code MessagesOf} tables of Sisimai's {@code Lhost} and
 * {@code Rhost} modules).
 */
final class MtaMessages {
    private static final List<String[]> ROWS = load();

    private MtaMessages() {}

    /** The reason of the first message (in table order) found in the lower-case text, or null. */
    static String reason(final String text) {
        for (final String[] row : ROWS) {
            if (text.contains(row[1])) {
                return row[0];
            }
        }
        return null;
    }

    private static List<String[]> load() {
        final List<String[]> rows = new ArrayList<>();
        for (final String[] row : TsvRows.of("mta-patterns.tsv")) {
            if (!row[1].equals("text")) {
                throw new IllegalStateException("mta-patterns.tsv: unknown kind " + row[1]);
            }
            rows.add(new String[] {row[0], row[2]});
        }
        return List.copyOf(rows);
    }
}
