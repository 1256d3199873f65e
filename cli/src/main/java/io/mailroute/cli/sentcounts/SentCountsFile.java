package io.mailroute.cli.sentcounts;

import io.mailroute.avro.SentCount;
import java.util.List;

/**
 * What a sent-counts file held.
 *
 * @param counts   the rows that could be read, in file order
 * @param problems one line per rejected row: {@code file:line: reason}
 */
public record SentCountsFile(List<SentCount> counts, List<String> problems) {
    public SentCountsFile {
        counts = List.copyOf(counts);
        problems = List.copyOf(problems);
    }
}
