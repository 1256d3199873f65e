package io.mailroute.cli.bench;

import java.util.List;

/**
 * The part of the stack a JVM thread works for, told by its name, for the CPU a phase spent per
 * part. Threads the JVM does not show (JIT compilers, GC, the VM's own, native ones such as
 * RocksDB's) and threads that ended during the phase are {@link #UNATTRIBUTED}: the process CPU
 * time no live thread accounts for.
 */
public enum CpuComponent {
    /** Stream threads of the phase's Streams app (passthrough or topology) and their producers. */
    STREAMS("streams"),
    /** The KRaft broker and controller: request handlers, network, raft, coordinators, log. */
    BROKER("broker"),
    /** The Connect worker and its tasks: the S3 source connector's reads, lists, deletes and producer. */
    CONNECT("connect"),
    /** The S3 API (the embedded S3Proxy's Jetty threads). */
    S3("s3"),
    /** The bench itself: generator, parse-only workers, its producers and consumers, the S3 putter. */
    BENCH("bench"),
    /** Any other thread shown by the JVM. */
    OTHER_THREADS("otherThreads"),
    /** JIT compilers, GC, VM and native threads, and threads that ended during the phase. */
    UNATTRIBUTED("unattributed");

    /** Name prefixes of the broker's threads (Kafka 4.x, combined KRaft mode). */
    private static final List<String> BROKER_PREFIXES = List.of(
            "data-plane-kafka",
            "kafka-",
            "group-coordinator",
            "share-coordinator",
            "TxnMarkerSenderThread",
            "AddPartitionsToTxnSenderThread",
            "ExpirationReaper",
            "controller-",
            "broker-",
            "quorum-controller",
            "raft-",
            "log-",
            "LogDirFailureHandler",
            "transaction-",
            "ReplicaFetcher",
            "NodeToControllerChannelManager",
            "RequestSendThread",
            "executor-",
            "feature-",
            "scheduler");
    /** Name prefixes of the Connect worker's threads. */
    private static final List<String> CONNECT_PREFIXES = List.of(
            "task-thread-", "DistributedHerder", "KafkaBasedLog", "connect-", "herder-", "StartAndStopExecutor", "qtp");

    private final String jsonName;

    CpuComponent(final String jsonName) {
        this.jsonName = jsonName;
    }

    public String jsonName() {
        return jsonName;
    }

    static CpuComponent of(final String threadName) {
        if (threadName.startsWith("S3Proxy")) {
            return S3;
        }
        if (threadName.contains(Benchmark.THREAD_PREFIX)
                || threadName.equals("main")
                || threadName.equals("ProgressBar")) {
            return BENCH;
        }
        if (threadName.contains("StreamThread")) {
            return STREAMS;
        }
        if (threadName.contains("connector-producer")
                || threadName.contains("connector-consumer")
                || threadName.contains("mailroute-connect")
                || startsWithAny(threadName, CONNECT_PREFIXES)) {
            return CONNECT;
        }
        if (threadName.startsWith("kafka-producer-network-thread")) {
            return BENCH; // the other producers' client ids name their stream thread or connector
        }
        if (threadName.startsWith("kafka-coordinator-heartbeat-thread")) {
            return STREAMS; // named by group: the bench's groups carry its prefix, Connect's is mailroute-connect
        }
        return startsWithAny(threadName, BROKER_PREFIXES) ? BROKER : OTHER_THREADS;
    }

    private static boolean startsWithAny(final String name, final List<String> prefixes) {
        for (final String prefix : prefixes) {
            if (name.startsWith(prefix)) {
                return true;
            }
        }
        return false;
    }
}
