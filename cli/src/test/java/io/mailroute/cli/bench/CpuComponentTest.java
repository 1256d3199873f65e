package io.mailroute.cli.bench;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/** Threads of the embedded stack, as a bench run names them, and the component each one works for. */
class CpuComponentTest {
    @ParameterizedTest(name = "{0}")
    @CsvSource(
            delimiter = ';',
            value = {
                "bench-5df9997c-topology-0c4b1f2e-52d4-4f8e-9d4e-16a8b1f0c2d3-StreamThread-1; STREAMS",
                "kafka-producer-network-thread | bench-5df9997c-topology-0c4b1f2e-52d4-4f8e-9d4e-16a8b1f0c2d3-StreamThread-2-producer; STREAMS",
                "bench-5df9997c-pipeline-0c4b1f2e-52d4-4f8e-9d4e-16a8b1f0c2d3-GlobalStreamThread; STREAMS",
                "kafka-coordinator-heartbeat-thread | bench-5df9997c-topology; STREAMS",
                "data-plane-kafka-request-handler-3; BROKER",
                "data-plane-kafka-network-thread-1-PLAINTEXT-PLAINTEXT-0; BROKER",
                "kafka-1-raft-io-thread; BROKER",
                "group-coordinator-event-processor-2; BROKER",
                "TxnMarkerSenderThread-1; BROKER",
                "AddPartitionsToTxnSenderThread-1; BROKER",
                "task-thread-bench-5df9997c-s3-mail-0; CONNECT",
                "kafka-producer-network-thread | connector-producer-bench-5df9997c-s3-mail-1; CONNECT",
                "KafkaBasedLog Work Thread - mailroute-connect-offsets; CONNECT",
                "kafka-coordinator-heartbeat-thread | mailroute-connect; CONNECT",
                "DistributedHerder-connect-127.0.0.1:38487-1; CONNECT",
                "S3Proxy-Jetty-451; S3",
                "mailroute-bench-put-7; BENCH",
                "mailroute-bench-parse-1; BENCH",
                "kafka-coordinator-heartbeat-thread | mailroute-bench-5df9997c-outcomes-bench-5df9997c.; BENCH",
                "kafka-producer-network-thread | producer-3; BENCH",
                "main; BENCH",
                "ProgressBar; BENCH",
                "Common-Cleaner; OTHER_THREADS"
            })
    void shouldTellTheComponentFromTheThreadName(final String threadName, final CpuComponent component) {
        assertThat(CpuComponent.of(threadName)).isEqualTo(component);
    }
}
