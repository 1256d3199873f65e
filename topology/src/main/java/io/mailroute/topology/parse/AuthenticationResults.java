package io.mailroute.topology.parse;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;

/**
 * One {@code Authentication-Results} field read per RFC 8601: comments removed, split at the
 * semicolons outside quoted strings, the first part the authserv-id (optionally followed by a
 * version), every further part one result ({@code method=result}, a reason and
 * {@code ptype.property=value} properties). SES writes some of SPF's properties as parts of their
 * own ({@code spf=pass (...) client-ip=...; envelope-from=...; helo=...;}); those are added to the
 * result before them. Never throws; what cannot be read is left out.
 *
 * @param authservId the authserv-id in lower case
 * @param results    the results in order
 */
public record AuthenticationResults(String authservId, List<Result> results) {
    /** Properties SES writes as parts of their own after its SPF result. */
    private static final Set<String> DETACHED_PROPERTIES = Set.of("client-ip", "envelope-from", "helo");

    public AuthenticationResults {
        results = List.copyOf(results);
    }

    /**
     * One method's result.
     *
     * @param method     the method in lower case (spf, dkim, dmarc, ...), without a version
     * @param result     the result word in lower case
     * @param properties property values by lower-case name ({@code header.d}, {@code smtp.mailfrom}, {@code helo}, ...)
     */
    public record Result(String method, String result, Map<String, String> properties) {
        public Result {
            properties = Map.copyOf(properties);
        }

        /** The value of the first of {@code names} present, or null. */
        public String property(final String... names) {
            for (final String name : names) {
                final String value = properties.get(name);
                if (value != null) {
                    return value;
                }
            }
            return null;
        }
    }

    /** The field {@code value} (unfolded), or null when it names no authserv-id. */
    public static AuthenticationResults parse(final String value) {
        if (value == null) {
            return null;
        }
        final List<String> parts = splitParts(withoutComments(value));
        final List<String[]> head = pairs(parts.get(0));
        if (head.isEmpty() || head.get(0)[1] != null || head.get(0)[0].isEmpty()) {
            return null;
        }
        final List<Result> results = new ArrayList<>(parts.size() - 1);
        for (final String part : parts.subList(1, parts.size())) {
            final List<String[]> pairs = pairs(part);
            if (pairs.isEmpty() || pairs.get(0)[1] == null) {
                continue;
            }
            final String key = pairs.get(0)[0];
            if (DETACHED_PROPERTIES.contains(key)) {
                if (!results.isEmpty()) {
                    final Result before = results.remove(results.size() - 1);
                    final Map<String, String> properties = new LinkedHashMap<>(before.properties());
                    pairs.forEach(p -> properties.putIfAbsent(p[0], p[1] == null ? "" : p[1]));
                    results.add(new Result(before.method(), before.result(), properties));
                }
                continue;
            }
            final Map<String, String> properties = new LinkedHashMap<>();
            pairs.subList(1, pairs.size()).forEach(p -> properties.putIfAbsent(p[0], p[1] == null ? "" : p[1]));
            final int version = key.indexOf('/');
            final String method = version < 0 ? key : key.substring(0, version);
            results.add(new Result(method, pairs.get(0)[1].toLowerCase(Locale.ROOT), properties));
        }
        return new AuthenticationResults(head.get(0)[0], results);
    }

    /** The value without (comments), nested or escaped, quoted strings kept as they are. */
    static String withoutComments(final String value) {
        final StringBuilder out = new StringBuilder(value.length());
        int depth = 0;
        boolean quoted = false;
        for (int i = 0; i < value.length(); i++) {
            final char c = value.charAt(i);
            if (c == '\\' && (quoted || depth > 0) && i + 1 < value.length()) {
                if (depth == 0) {
                    out.append(c).append(value.charAt(i + 1));
                }
                i++;
            } else if (depth == 0 && c == '"') {
                quoted = !quoted;
                out.append(c);
            } else if (!quoted && c == '(') {
                depth++;
                out.append(depth == 1 ? " " : "");
            } else if (!quoted && c == ')' && depth > 0) {
                depth--;
            } else if (depth == 0) {
                out.append(c);
            }
        }
        return out.toString();
    }

    /** The parts between semicolons outside quoted strings; at least one. */
    private static List<String> splitParts(final String value) {
        final List<String> parts = new ArrayList<>(6);
        boolean quoted = false;
        int start = 0;
        for (int i = 0; i < value.length(); i++) {
            final char c = value.charAt(i);
            if (c == '\\' && quoted) {
                i++;
            } else if (c == '"') {
                quoted = !quoted;
            } else if (c == ';' && !quoted) {
                parts.add(value.substring(start, i));
                start = i + 1;
            }
        }
        parts.add(value.substring(start));
        return parts;
    }

    /**
     * The {@code name[=value]} pairs of one part, names in lower case, quoted values unquoted;
     * a value is null when the name has none. Blanks may surround the {@code =}.
     */
    private static List<String[]> pairs(final String part) {
        final List<String[]> pairs = new ArrayList<>(4);
        final int length = part.length();
        int i = 0;
        while (i < length) {
            i = skipBlanks(part, i);
            if (i >= length) {
                break;
            }
            final int nameStart = i;
            while (i < length && !isBlank(part.charAt(i)) && part.charAt(i) != '=') {
                i++;
            }
            final String name = part.substring(nameStart, i).toLowerCase(Locale.ROOT);
            final int afterName = skipBlanks(part, i);
            if (afterName >= length || part.charAt(afterName) != '=') {
                if (!name.isEmpty()) {
                    pairs.add(new String[] {name, null});
                }
                i = afterName;
                continue;
            }
            i = skipBlanks(part, afterName + 1);
            if (i > afterName + 1 && startsPair(part, i)) {
                // "smtp.mailfrom= smtp.helo=x": an empty value, not one that swallows the next property
                pairs.add(new String[] {name, ""});
                continue;
            }
            final StringBuilder value = new StringBuilder();
            if (i < length && part.charAt(i) == '"') {
                i++;
                while (i < length && part.charAt(i) != '"') {
                    if (part.charAt(i) == '\\' && i + 1 < length) {
                        i++;
                    }
                    value.append(part.charAt(i++));
                }
                i++;
            } else {
                while (i < length && !isBlank(part.charAt(i))) {
                    value.append(part.charAt(i++));
                }
            }
            if (!name.isEmpty()) {
                pairs.add(new String[] {name, value.toString()});
            }
        }
        return pairs;
    }

    /** True when a {@code name=} starts at {@code from}. */
    private static boolean startsPair(final String text, final int from) {
        int i = from;
        while (i < text.length() && !isBlank(text.charAt(i)) && text.charAt(i) != '=' && text.charAt(i) != '"') {
            i++;
        }
        return i > from && i < text.length() && text.charAt(i) == '=';
    }

    private static int skipBlanks(final String text, final int from) {
        int i = from;
        while (i < text.length() && isBlank(text.charAt(i))) {
            i++;
        }
        return i;
    }

    private static boolean isBlank(final char c) {
        return c == ' ' || c == '\t' || c == '\r' || c == '\n';
    }
}
