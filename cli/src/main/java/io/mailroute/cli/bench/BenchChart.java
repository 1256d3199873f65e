package io.mailroute.cli.bench;

import java.util.EnumMap;
import java.util.Locale;
import java.util.Map;

/** A bar chart (SVG) of mails/s per phase, with the pipeline's latency percentiles, from one run's results. */
public final class BenchChart {
    private static final int BAR_HEIGHT = 28;
    private static final int GAP = 12;
    private static final int LABEL_WIDTH = 120;
    private static final int PLOT_WIDTH = 460;

    private BenchChart() {}

    public static String svg(final Map<BenchSettings.Phase, PhaseResult> all) {
        // the latency and idle phases are offered their load: their mails/s is no throughput
        final Map<BenchSettings.Phase, PhaseResult> results = new EnumMap<>(BenchSettings.Phase.class);
        results.putAll(all);
        results.remove(BenchSettings.Phase.LATENCY);
        results.remove(BenchSettings.Phase.IDLE);
        final double max = results.values().stream()
                .mapToDouble(PhaseResult::mailsPerSec)
                .max()
                .orElse(1);
        final int height = 50 + results.size() * (BAR_HEIGHT + GAP) + 30;
        final StringBuilder svg = new StringBuilder(2048)
                .append("<svg xmlns=\"http://www.w3.org/2000/svg\" width=\"")
                .append(LABEL_WIDTH + PLOT_WIDTH + 140)
                .append("\" height=\"")
                .append(height)
                .append("\" font-family=\"sans-serif\" font-size=\"13\">\n")
                .append(
                        "  <text x=\"10\" y=\"24\" font-size=\"15\" font-weight=\"bold\">mailroute bench: mails/s per phase</text>\n");
        int y = 44;
        for (final Map.Entry<BenchSettings.Phase, PhaseResult> entry : results.entrySet()) {
            final double rate = entry.getValue().mailsPerSec();
            final int width = (int) Math.max(1, Math.round(rate / max * PLOT_WIDTH));
            svg.append("  <text x=\"10\" y=\"")
                    .append(y + 19)
                    .append("\">")
                    .append(entry.getKey().jsonName())
                    .append("</text>\n")
                    .append("  <rect x=\"")
                    .append(LABEL_WIDTH)
                    .append("\" y=\"")
                    .append(y)
                    .append("\" width=\"")
                    .append(width)
                    .append("\" height=\"")
                    .append(BAR_HEIGHT)
                    .append("\" fill=\"#4e79a7\"/>\n")
                    .append("  <text x=\"")
                    .append(LABEL_WIDTH + width + 6)
                    .append("\" y=\"")
                    .append(y + 19)
                    .append("\">")
                    .append(String.format(
                            Locale.ROOT,
                            "%,.0f mails/s, %.1f MB/s",
                            rate,
                            entry.getValue().mbPerSec()))
                    .append("</text>\n");
            y += BAR_HEIGHT + GAP;
        }
        final PhaseResult pipeline = results.get(BenchSettings.Phase.PIPELINE);
        if (pipeline != null && pipeline.latency() != null) {
            svg.append("  <text x=\"10\" y=\"")
                    .append(y + 16)
                    .append("\">")
                    .append(String.format(
                            Locale.ROOT,
                            "pipeline S3 put to lane: p50 %d ms, p95 %d ms, p99 %d ms",
                            pipeline.latency().p50(),
                            pipeline.latency().p95(),
                            pipeline.latency().p99()))
                    .append("</text>\n");
        }
        return svg.append("</svg>\n").toString();
    }
}
