package io.mailroute.topology.bounce;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Codes and messages particular receiving hosts use ({@code host-patterns.tsv}); a row applies when
 * the recipient's domain ends with its host or the diagnostic names the host, and then decides.
 */
final class HostPatterns {
    private static final String CODE_RANGE = "aup-code:";
    private static final Pattern AUP_CODE = Pattern.compile("aup#[-a-z]*(\\d{4})");
    private static final HostPatterns INSTANCE = new HostPatterns(load());

    private final List<String[]> rows;

    private HostPatterns(final List<String[]> rows) {
        this.rows = rows;
    }

    static HostPatterns get() {
        return INSTANCE;
    }

    /** The reason the recipient's host gives the lower-case diagnostic, or null. */
    String reason(final String recipient, final String lowerText) {
        final String domain = recipient.substring(recipient.lastIndexOf('@') + 1).toLowerCase(Locale.ROOT);
        for (final String[] row : rows) {
            if ((domain.endsWith(row[0]) || lowerText.contains(row[0])) && matches(row[2], lowerText)) {
                return row[1];
            }
        }
        return null;
    }

    private static boolean matches(final String fragment, final String lowerText) {
        if (!fragment.startsWith(CODE_RANGE)) {
            return lowerText.contains(fragment);
        }
        final Matcher code = AUP_CODE.matcher(lowerText);
        if (!code.find()) {
            return false;
        }
        final int number = Integer.parseInt(code.group(1));
        final String[] range = fragment.substring(CODE_RANGE.length()).split("-");
        final int from = Integer.parseInt(range[0]);
        final int to = Integer.parseInt(range[1]);
        return to == 0 ? number == from : number >= from && number <= to;
    }

    private static List<String[]> load() {
        final List<String[]> rows = new ArrayList<>();
        try (InputStream in = HostPatterns.class.getResourceAsStream("host-patterns.tsv")) {
            if (in == null) {
                throw new IllegalStateException("missing resource host-patterns.tsv");
            }
            final BufferedReader reader = new BufferedReader(new InputStreamReader(in, StandardCharsets.UTF_8));
            String line;
            while ((line = reader.readLine()) != null) {
                if (!line.isBlank() && !line.startsWith("#")) {
                    rows.add(line.split("\t"));
                }
            }
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return rows;
    }
}
