package io.mailroute.cli.bench;

import com.fasterxml.jackson.databind.node.ObjectNode;
import java.util.Map;

/**
 * Issue 20's targets, checked against one run's results: each target the run has the phases for,
 * with its figure, its bound ({@code below} or {@code atLeast}) and whether it was {@code met}.
 */
final class IssueTargets {
    /** p99 of S3 put to outcome at each offered rate of the latency phase, in ms. */
    static final long LATENCY_P99_BELOW_MS = 500;
    /** The idle stack's CPU, in percent of one core. */
    static final double IDLE_BELOW_PERCENT_OF_ONE_CORE = 10;

    static final double CONNECTOR_DRAIN_OVER_S3_ONLY = 0.7;
    static final double TOPOLOGY_OVER_PASSTHROUGH = 0.4;

    private IssueTargets() {}

    static void write(
            final ObjectNode targets,
            final BenchSettings settings,
            final Map<BenchSettings.Phase, PhaseResult> results) {
        final PhaseResult latency = results.get(BenchSettings.Phase.LATENCY);
        if (latency != null) {
            latency.byRate().forEach((rate, result) -> {
                if (result.latency() != null) {
                    below(
                            targets.putObject("latencyP99MsAt" + rate),
                            result.latency().p99(),
                            LATENCY_P99_BELOW_MS);
                }
            });
        }
        final PhaseResult idle = results.get(BenchSettings.Phase.IDLE);
        if (idle != null) {
            below(
                    targets.putObject("idleCpuPercentOfOneCore"),
                    BenchReport.round(idle.cpuPercentOfOneCore()),
                    IDLE_BELOW_PERCENT_OF_ONE_CORE);
        }
        atLeast(
                targets,
                "connectorDrainOverS3Only",
                results.get(BenchSettings.Phase.CONNECTOR_DRAIN),
                results.get(BenchSettings.Phase.S3_ONLY),
                CONNECTOR_DRAIN_OVER_S3_ONLY);
        if (atLeast(
                targets,
                "topologyOverPassthrough",
                results.get(BenchSettings.Phase.TOPOLOGY),
                results.get(BenchSettings.Phase.PASSTHROUGH),
                TOPOLOGY_OVER_PASSTHROUGH)) {
            // the issue states this one at 20,000 and at 200,000 mails: one run answers for its own count
            ((ObjectNode) targets.get("topologyOverPassthrough")).put("mails", settings.mails());
        }
    }

    private static void below(final ObjectNode target, final double figure, final double bound) {
        target.put("figure", figure);
        target.put("below", bound);
        target.put("met", figure < bound);
    }

    private static boolean atLeast(
            final ObjectNode targets,
            final String name,
            final PhaseResult over,
            final PhaseResult under,
            final double bound) {
        if (over == null || under == null || under.mailsPerSec() <= 0) {
            return false;
        }
        final double figure = Math.round(over.mailsPerSec() / under.mailsPerSec() * 1000) / 1000.0;
        final ObjectNode target = targets.putObject(name);
        target.put("figure", figure);
        target.put("atLeast", bound);
        target.put("met", figure >= bound);
        return true;
    }
}
