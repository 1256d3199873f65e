package io.mailroute.cli;

import java.util.ArrayList;
import java.util.List;

/** The fields of one line of the CSV files the commands import (accounts, contacts). */
public final class CsvFields {
    private CsvFields() {}

    /**
     * One data row: its 1-based line number in the file and its fields.
     *
     * @param line   line number, for {@code file:line: reason} reports
     * @param fields the row's fields, as {@link #split} returns them
     */
    public record Row(int line, List<String> fields) {}

    /**
     * The data rows of {@code text}: blank lines and {@code #} comments skipped, and the first row
     * skipped too when its first field is {@code headerFirstField} (in any case).
     */
    public static List<Row> rows(final String text, final String headerFirstField) {
        final List<Row> rows = new ArrayList<>();
        final String[] lines = text.split("\r?\n", -1);
        boolean first = true;
        for (int i = 0; i < lines.length; i++) {
            final String line = lines[i].strip();
            if (line.isEmpty() || line.startsWith("#")) {
                continue;
            }
            final List<String> fields = split(line);
            final boolean header = first && fields.get(0).equalsIgnoreCase(headerFirstField);
            first = false;
            if (!header) {
                rows.add(new Row(i + 1, fields));
            }
        }
        return rows;
    }

    /** The comma-separated fields of {@code line}, stripped; double quotes enclose fields, "" is a quote. */
    public static List<String> split(final String line) {
        final List<String> fields = new ArrayList<>();
        final StringBuilder field = new StringBuilder();
        boolean quoted = false;
        for (int i = 0; i < line.length(); i++) {
            final char c = line.charAt(i);
            if (quoted) {
                if (c == '"' && i + 1 < line.length() && line.charAt(i + 1) == '"') {
                    field.append('"');
                    i++;
                } else if (c == '"') {
                    quoted = false;
                } else {
                    field.append(c);
                }
            } else if (c == '"') {
                quoted = true;
            } else if (c == ',') {
                fields.add(field.toString().strip());
                field.setLength(0);
            } else {
                field.append(c);
            }
        }
        fields.add(field.toString().strip());
        return fields;
    }
}
