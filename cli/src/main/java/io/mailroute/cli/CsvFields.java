package io.mailroute.cli;

import java.util.ArrayList;
import java.util.List;

/** The fields of one line of the CSV files the commands import (accounts, contacts). */
public final class CsvFields {
    private CsvFields() {}

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
