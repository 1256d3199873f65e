package io.mailroute.runtime.status;

import java.util.Set;
import java.util.TreeSet;

/**
 * The metric names a PromQL expression reads: identifiers that are neither functions (followed by
 * {@code (}), aggregation operators, keywords, nor label names in a grouping clause; label matchers,
 * range selectors, strings and numbers are skipped. Enough for the expressions of a dashboard and of
 * alert rules, not a PromQL parser.
 */
final class PromQlMetricNames {
    private static final Set<String> KEYWORDS = Set.of(
            "sum",
            "min",
            "max",
            "avg",
            "group",
            "stddev",
            "stdvar",
            "count",
            "count_values",
            "bottomk",
            "topk",
            "quantile",
            "limitk",
            "limit_ratio",
            "and",
            "or",
            "unless",
            "bool",
            "offset",
            "inf",
            "nan");
    private static final Set<String> GROUPING = Set.of("by", "without", "on", "ignoring", "group_left", "group_right");

    private PromQlMetricNames() {}

    static Set<String> of(final String expr) {
        final Set<String> names = new TreeSet<>();
        int i = 0;
        while (i < expr.length()) {
            final char c = expr.charAt(i);
            if (c == '"' || c == '\'' || c == '`') {
                i = afterString(expr, i);
            } else if (c == '{') {
                i = after(expr, i, '}');
            } else if (c == '[') {
                i = after(expr, i, ']');
            } else if (Character.isDigit(c) || c == '.') {
                i = afterWord(expr, i);
            } else if (isIdentifierStart(c)) {
                final int end = afterWord(expr, i);
                final String word = expr.substring(i, end);
                final int next = skipSpaces(expr, end);
                final boolean call = next < expr.length() && expr.charAt(next) == '(';
                if (GROUPING.contains(word) && call) {
                    i = after(expr, next, ')');
                } else {
                    if (!call && !KEYWORDS.contains(word) && !GROUPING.contains(word)) {
                        names.add(word);
                    }
                    i = end;
                }
            } else {
                i++;
            }
        }
        return names;
    }

    private static boolean isIdentifierStart(final char c) {
        return Character.isLetter(c) || c == '_' || c == ':';
    }

    private static int afterWord(final String expr, final int start) {
        int i = start;
        while (i < expr.length() && (Character.isLetterOrDigit(expr.charAt(i)) || "_:.".indexOf(expr.charAt(i)) >= 0)) {
            i++;
        }
        return i;
    }

    private static int skipSpaces(final String expr, final int start) {
        int i = start;
        while (i < expr.length() && Character.isWhitespace(expr.charAt(i))) {
            i++;
        }
        return i;
    }

    /** The index after the {@code close} that ends the group opened at {@code open}, skipping strings. */
    private static int after(final String expr, final int open, final char close) {
        int i = open + 1;
        while (i < expr.length() && expr.charAt(i) != close) {
            final char c = expr.charAt(i);
            i = c == '"' || c == '\'' || c == '`' ? afterString(expr, i) : i + 1;
        }
        return i + 1;
    }

    private static int afterString(final String expr, final int open) {
        final char quote = expr.charAt(open);
        int i = open + 1;
        while (i < expr.length() && expr.charAt(i) != quote) {
            i += expr.charAt(i) == '\\' ? 2 : 1;
        }
        return i + 1;
    }
}
