package io.mailroute.cli;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.core.JsonToken;
import com.fasterxml.jackson.dataformat.csv.CsvMapper;
import com.fasterxml.jackson.dataformat.csv.CsvParser;
import com.fasterxml.jackson.dataformat.csv.CsvSchema;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.util.ArrayList;
import java.util.List;

/**
 * The rows of the CSV files the commands import (accounts, contacts, sent counts), read by Jackson's
 * CSV parser as RFC 4180 says: double quotes enclose a field, which may then hold commas, {@code ""}
 * for a quote and line breaks.
 */
public final class CsvFields {
    private static final CsvMapper MAPPER = CsvMapper.builder()
            .enable(CsvParser.Feature.TRIM_SPACES)
            .enable(CsvParser.Feature.SKIP_EMPTY_LINES)
            .build();
    private static final CsvSchema SCHEMA =
            CsvSchema.emptySchema().withoutHeader().withComments();

    private CsvFields() {}

    /**
     * One data row: the 1-based line number in the file where it starts and its fields.
     *
     * @param line   line number, for {@code file:line: reason} reports
     * @param fields the row's fields, stripped
     */
    public record Row(int line, List<String> fields) {}

    /**
     * The data rows of {@code text}: blank lines and {@code #} comment lines skipped, and the first row
     * skipped too when its first field is {@code headerFirstField} (in any case).
     *
     * @throws IllegalArgumentException when the text is not CSV (a quote left open), naming the line
     */
    public static List<Row> rows(final String text, final String headerFirstField) {
        final List<Row> rows = new ArrayList<>();
        try (CsvParser parser = MAPPER.getFactory().createParser(text)) {
            parser.setSchema(SCHEMA);
            boolean first = true;
            while (parser.nextToken() == JsonToken.START_ARRAY) {
                int line = 0;
                final List<String> fields = new ArrayList<>();
                while (parser.nextToken() == JsonToken.VALUE_STRING) {
                    if (fields.isEmpty()) {
                        // a row's own token reports the line before; its first field's is where it starts
                        line = parser.currentTokenLocation().getLineNr();
                    }
                    fields.add(parser.getText().strip());
                }
                final boolean header = first && fields.get(0).equalsIgnoreCase(headerFirstField);
                first = false;
                if (!header && !(fields.size() == 1 && fields.get(0).isEmpty())) {
                    rows.add(new Row(line, fields));
                }
            }
        } catch (JsonProcessingException e) {
            throw new IllegalArgumentException("not CSV: " + e.getOriginalMessage(), e);
        } catch (IOException e) {
            throw new UncheckedIOException("reading CSV from memory failed", e);
        }
        return rows;
    }
}
