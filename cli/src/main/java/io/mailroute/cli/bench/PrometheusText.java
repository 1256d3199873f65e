package io.mailroute.cli.bench;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * The samples of a Prometheus text exposition (what a status server's {@code /metrics} answers):
 * {@code name{label="value",...} value [timestamp]} per line, comments and blank lines skipped. One
 * pass over each line; a line that is not a sample is refused.
 */
final class PrometheusText {

    /** One sample line. */
    record Sample(String name, Map<String, String> labels, double value) {
        Sample {
            labels = Map.copyOf(labels);
        }

        String label(final String name) {
            return labels.get(name);
        }
    }

    private PrometheusText() {}

    /**
     * The samples of {@code text}.
     *
     * @throws IllegalArgumentException at the first line that is neither a comment nor a sample
     */
    static List<Sample> samples(final String text) {
        final List<Sample> samples = new ArrayList<>();
        int number = 0;
        for (final String line : text.split("\n", -1)) {
            number++;
            final String trimmed = line.strip();
            if (!trimmed.isEmpty() && trimmed.charAt(0) != '#') {
                samples.add(sample(trimmed, number));
            }
        }
        return samples;
    }

    private static Sample sample(final String line, final int number) {
        int i = 0;
        while (i < line.length() && line.charAt(i) != '{' && !Character.isWhitespace(line.charAt(i))) {
            i++;
        }
        final String name = line.substring(0, i);
        final Map<String, String> labels = new HashMap<>();
        if (i < line.length() && line.charAt(i) == '{') {
            i = labels(line, i + 1, labels, number);
        }
        final String[] rest = line.substring(i).strip().split("\\s+");
        if (name.isEmpty() || rest.length == 0 || rest[0].isEmpty()) {
            throw malformed(number, "no metric name or value");
        }
        try {
            return new Sample(name, labels, value(rest[0]));
        } catch (NumberFormatException e) {
            throw malformed(number, "value '" + rest[0] + "' is not a number");
        }
    }

    /** Reads {@code k="v",...}} from {@code i} into {@code labels}; returns the index after the closing brace. */
    private static int labels(final String line, final int from, final Map<String, String> labels, final int number) {
        int i = from;
        while (true) {
            while (i < line.length() && (line.charAt(i) == ',' || line.charAt(i) == ' ')) {
                i++;
            }
            if (i < line.length() && line.charAt(i) == '}') {
                return i + 1;
            }
            final int equals = line.indexOf('=', i);
            if (equals < 0 || equals + 1 >= line.length() || line.charAt(equals + 1) != '"') {
                throw malformed(number, "label without a quoted value");
            }
            final String key = line.substring(i, equals).strip();
            final StringBuilder value = new StringBuilder();
            i = equals + 2;
            while (i < line.length() && line.charAt(i) != '"') {
                char c = line.charAt(i);
                if (c == '\\' && i + 1 < line.length()) {
                    i++;
                    c = line.charAt(i) == 'n' ? '\n' : line.charAt(i);
                }
                value.append(c);
                i++;
            }
            if (i >= line.length()) {
                throw malformed(number, "unterminated label value");
            }
            labels.put(key, value.toString());
            i++;
        }
    }

    private static double value(final String text) {
        return switch (text) {
            case "+Inf" -> Double.POSITIVE_INFINITY;
            case "-Inf" -> Double.NEGATIVE_INFINITY;
            default -> Double.parseDouble(text);
        };
    }

    private static IllegalArgumentException malformed(final int line, final String why) {
        return new IllegalArgumentException("line " + line + " of the metrics is not a sample: " + why);
    }
}
