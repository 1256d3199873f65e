package io.mailroute.cli.bench;

import java.util.List;
import java.util.Set;

/**
 * One benchmark run's settings.
 *
 * @param mails          mails per phase
 * @param pipelineMails  mails of the pipeline phase, which puts them at {@code rate}: fewer keep a
 *                       run bounded where the pipeline cannot keep up with the offered rate
 * @param pipelineWarmup mails sent through the pipeline at {@code rate} before its measured mails
 *                       (their outcomes awaited, not measured)
 * @param sizes          size mix of the generated mails
 * @param seed           generator seed
 * @param partitions     partitions of the benchmark's topics
 * @param streamThreads  Kafka Streams threads of the passthrough and the topology
 * @param connectorTasks tasks of the S3 source connector
 * @param eos            exactly-once (v2) for Streams, else at-least-once
 * @param rate           mails per second offered to S3 in the pipeline phase
 * @param latencyRates   mails per second offered to S3 in turn by the latency phase
 * @param seconds        how long the latency phase offers each of its rates, and how long the idle phase lasts
 * @param latencyWarmup  seconds the latency phase offers its highest rate before the measured rates,
 *                       their outcomes awaited and not measured (0: none)
 * @param phases         the phases to run
 */
public record BenchSettings(
        int mails,
        int pipelineMails,
        int pipelineWarmup,
        SizeMix sizes,
        long seed,
        int partitions,
        int streamThreads,
        int connectorTasks,
        boolean eos,
        int rate,
        List<Integer> latencyRates,
        int seconds,
        int latencyWarmup,
        Set<Phase> phases) {

    public BenchSettings {
        latencyRates = List.copyOf(latencyRates);
        phases = Set.copyOf(phases);
    }

    /** The phases, in the order they run. */
    public enum Phase {
        PARSE_ONLY("parseOnly"),
        S3_ONLY("s3Only"),
        CONNECTOR_DRAIN("connectorDrain"),
        BROKER_ONLY("brokerOnly"),
        PASSTHROUGH("passthrough"),
        TOPOLOGY("topology"),
        PIPELINE("pipeline"),
        IDLE("idle"),
        LATENCY("latency"),
        /** The cluster's own instances ({@code --cluster} with {@code --cluster-file} only). */
        INSTANCES("instances");

        private final String jsonName;

        Phase(final String jsonName) {
            this.jsonName = jsonName;
        }

        /** The phase's key in the JSON report. */
        public String jsonName() {
            return jsonName;
        }
    }
}
