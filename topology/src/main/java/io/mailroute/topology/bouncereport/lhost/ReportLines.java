package io.mailroute.topology.bouncereport.lhost;

import io.mailroute.topology.match.TextSplit;
import java.util.ArrayList;
import java.util.List;
import java.util.function.Predicate;

/** The lines of a bounce's text that an MTA writes between its greeting and the copy of the original. */
final class ReportLines {
    private ReportLines() {}

    /**
     * The lines of {@code text} after the first line that {@code opens} and before the next that
     * {@code closes}, as written; none when no line opens.
     */
    static List<String> between(final String text, final Predicate<String> opens, final Predicate<String> closes) {
        final List<String> lines = new ArrayList<>();
        boolean inReport = false;
        for (final String line : TextSplit.at(text, '\n')) {
            if (!inReport) {
                inReport = opens.test(line);
            } else if (closes.test(line)) {
                break;
            } else {
                lines.add(line);
            }
        }
        return lines;
    }
}
