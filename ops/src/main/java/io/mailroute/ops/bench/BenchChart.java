package io.mailroute.ops.bench;

import com.fasterxml.jackson.databind.JsonNode;
import java.util.List;
import java.util.Locale;

/**
 * Draws a {@code mailroute bench} result as an SVG: one bar per phase (mails/s, labelled with the
 * figure) and, when the pipeline phase measured them, its latency percentiles. Plain SVG text, so
 * docs can embed it and no plotting library is needed.
 */
public final class BenchChart {
    /** The phases in the order the chart shows them, with the labels it prints. */
    static final List<String[]> PHASES = List.of(
            new String[] {"parseOnly", "parse only"},
            new String[] {"brokerOnly", "broker only"},
            new String[] {"passthrough", "Streams passthrough"},
            new String[] {"topology", "topology alone"},
            new String[] {"pipeline", "full pipeline (S3 put → lane)"});

    private static final int WIDTH = 760;
    private static final int LABEL_WIDTH = 230;
    private static final int BAR_AREA = 420;
    private static final int ROW = 34;
    private static final int TOP = 50;

    private BenchChart() {
    }

    /** The SVG document for {@code result} (the JSON {@code mailroute bench} prints). */
    public static String svg(final JsonNode result) {
        final double max = PHASES.stream()
                .mapToDouble(phase -> rate(result, phase[0]))
                .max().orElse(0);
        final StringBuilder svg = new StringBuilder();
        final JsonNode latency = result.path("pipeline").path("latencyMs");
        final int height = TOP + PHASES.size() * ROW + (latency.isMissingNode() ? 20 : 60);
        svg.append(String.format(Locale.ROOT,
                "<svg xmlns=\"http://www.w3.org/2000/svg\" width=\"%d\" height=\"%d\" font-family=\"sans-serif\" font-size=\"13\">%n",
                WIDTH, height));
        svg.append("<rect width=\"100%\" height=\"100%\" fill=\"white\"/>\n");
        svg.append(text(10, 24, "mailroute bench: mails/s per phase" + subtitle(result), "bold"));
        int y = TOP;
        for (final String[] phase : PHASES) {
            final double rate = rate(result, phase[0]);
            final int bar = max <= 0 ? 0 : (int) Math.round(BAR_AREA * rate / max);
            svg.append(text(10, y + 17, phase[1], "normal"));
            svg.append(String.format(Locale.ROOT,
                    "<rect x=\"%d\" y=\"%d\" width=\"%d\" height=\"22\" fill=\"%s\"/>%n",
                    LABEL_WIDTH, y + 2, bar, "pipeline".equals(phase[0]) ? "#d9822b" : "#2b6cb0"));
            svg.append(text(LABEL_WIDTH + bar + 6, y + 17,
                    result.has(phase[0]) ? String.format(Locale.ROOT, "%,.0f", rate) : "not run", "normal"));
            y += ROW;
        }
        if (!latency.isMissingNode()) {
            svg.append(text(10, y + 24, String.format(Locale.ROOT,
                    "pipeline latency S3 put → lane: p50 %.0f ms, p95 %.0f ms, p99 %.0f ms",
                    latency.path("p50").asDouble(), latency.path("p95").asDouble(), latency.path("p99").asDouble()), "normal"));
        }
        return svg.append("</svg>\n").toString();
    }

    private static double rate(final JsonNode result, final String phase) {
        return result.path(phase).path("mailsPerSec").asDouble(0);
    }

    private static String subtitle(final JsonNode result) {
        final JsonNode mails = result.path("mails");
        return mails.isNumber() ? " (" + mails.asLong() + " mails)" : "";
    }

    private static String text(final int x, final int y, final String content, final String weight) {
        return String.format(Locale.ROOT, "<text x=\"%d\" y=\"%d\" font-weight=\"%s\">%s</text>%n", x, y, weight, escape(content));
    }

    private static String escape(final String text) {
        return text.replace("&", "&amp;").replace("<", "&lt;").replace(">", "&gt;");
    }
}
