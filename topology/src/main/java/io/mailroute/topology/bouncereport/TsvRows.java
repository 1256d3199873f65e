package io.mailroute.topology.bouncereport;

import io.mailroute.topology.match.TextSplit;
import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;

/** The rows of a tab-separated pattern table on the class path; blank lines and {@code #} comments skipped. */
final class TsvRows {
    private TsvRows() {}

    static List<String[]> of(final String resource) {
        final List<String[]> rows = new ArrayList<>();
        try (InputStream in = TsvRows.class.getResourceAsStream(resource)) {
            if (in == null) {
                throw new IllegalStateException("missing resource " + resource);
            }
            final BufferedReader reader = new BufferedReader(new InputStreamReader(in, StandardCharsets.UTF_8));
            String line;
            while ((line = reader.readLine()) != null) {
                if (!line.isBlank() && !line.startsWith("#")) {
                    rows.add(TextSplit.at(line, '\t'));
                }
            }
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return rows;
    }
}
