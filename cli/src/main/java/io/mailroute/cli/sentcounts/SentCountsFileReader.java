package io.mailroute.cli.sentcounts;

import io.mailroute.avro.SentCount;
import io.mailroute.avro.SentScope;
import io.mailroute.cli.CsvFields;
import io.mailroute.cli.replay.OffsetTarget;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

/**
 * Reads the sent counts for {@code mailroute sent-counts import}: CSV
 * {@code scope,id,count,windowStart,windowEnd[,source]} with an optional header line, double-quoted
 * fields, blank lines and {@code #} comments. The scope is {@code owner} or {@code domain}; the id an
 * owner id as in {@code mail.accounts}, or a sending domain; the count a whole number of mails sent
 * (zero included) in the interval from {@code windowStart} (inclusive) to {@code windowEnd}
 * (exclusive), ISO 8601 times ({@code 2026-11-20T09:00:00Z}; without an offset, UTC). A row that
 * cannot be used is reported with its line number and the rest is still read.
 */
public final class SentCountsFileReader {
    /** The columns, as the header names them. */
    public static final String HEADER = "scope,id,count,windowStart,windowEnd[,source]";

    private SentCountsFileReader() {}

    /**
     * Reads {@code file}.
     *
     * @throws IOException when the file cannot be read
     */
    public static SentCountsFile read(final Path file) throws IOException {
        return csv(file.toString(), Files.readString(file, StandardCharsets.UTF_8));
    }

    static SentCountsFile csv(final String name, final String text) {
        final List<SentCount> counts = new ArrayList<>();
        final List<String> problems = new ArrayList<>();
        for (final CsvFields.Row row : CsvFields.rows(text, "scope")) {
            final String where = name + ":" + row.line() + ": ";
            try {
                counts.add(count(row.fields()));
            } catch (IllegalArgumentException e) {
                problems.add(where + e.getMessage());
            }
        }
        return new SentCountsFile(counts, problems);
    }

    private static SentCount count(final List<String> fields) {
        if (fields.size() < 5 || fields.size() > 6) {
            throw new IllegalArgumentException("expected " + HEADER + ", found " + fields.size() + " fields");
        }
        final SentScope scope = scope(fields.get(0));
        final String id = fields.get(1);
        if (id.isEmpty() || id.chars().anyMatch(c -> Character.isWhitespace(c) || Character.isISOControl(c))) {
            throw new IllegalArgumentException("id must be non-empty, without white space or control characters");
        }
        final long count = count(fields.get(2));
        final Instant start = time("windowStart", fields.get(3));
        final Instant end = time("windowEnd", fields.get(4));
        if (!end.isAfter(start)) {
            throw new IllegalArgumentException("windowEnd " + end + " is not after windowStart " + start);
        }
        return SentCount.newBuilder()
                .setScope(scope)
                .setId(scope == SentScope.DOMAIN ? id.toLowerCase(Locale.ROOT) : id)
                .setCount(count)
                .setWindowStart(start)
                .setWindowEnd(end)
                .setSource(fields.size() > 5 && !fields.get(5).isEmpty() ? fields.get(5) : null)
                .build();
    }

    private static SentScope scope(final String field) {
        return switch (field.toLowerCase(Locale.ROOT)) {
            case "owner" -> SentScope.OWNER;
            case "domain" -> SentScope.DOMAIN;
            default -> throw new IllegalArgumentException("scope must be owner or domain, not '" + field + "'");
        };
    }

    private static long count(final String field) {
        if (!field.matches("[0-9]{1,18}")) {
            throw new IllegalArgumentException("count must be a whole number of mails, not '" + field + "'");
        }
        return Long.parseLong(field);
    }

    private static Instant time(final String column, final String field) {
        try {
            return OffsetTarget.at(field).time();
        } catch (IllegalArgumentException e) {
            throw new IllegalArgumentException(column + ": " + e.getMessage(), e);
        }
    }
}
