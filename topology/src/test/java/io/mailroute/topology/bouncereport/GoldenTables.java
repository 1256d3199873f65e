package io.mailroute.topology.bouncereport;

import java.io.IOException;
import java.net.URISyntaxException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.Stream;

/**
 * The {@code expected.tsv} tables of golden bounce mails under a test resource folder, one folder
 * per reader or host: tab-separated rows whose first cell names a mail beside the table; blank
 * lines and {@code #} comments skipped.
 */
public final class GoldenTables {
    /** One row: the mail it names and all of its cells (the first is the mail's file name). */
    public record Row(Path mail, String[] cells) {}

    private GoldenTables() {}

    /** The rows of every {@code expected.tsv} one folder below {@code resource}, tables in path order. */
    public static List<Row> rows(final String resource) throws IOException, URISyntaxException {
        final Path root = Path.of(GoldenTables.class.getResource(resource).toURI());
        final List<Row> rows = new ArrayList<>();
        try (Stream<Path> tables = Files.walk(root, 2)) {
            for (final Path table :
                    tables.filter(f -> f.endsWith("expected.tsv")).sorted().toList()) {
                for (final String row : Files.readAllLines(table, StandardCharsets.UTF_8)) {
                    if (!row.isBlank() && !row.startsWith("#")) {
                        final String[] cells = row.split("\t");
                        rows.add(new Row(table.resolveSibling(cells[0]), cells));
                    }
                }
            }
        }
        return rows;
    }
}
