package io.mailroute.runtime.status;

import io.micrometer.core.instrument.Gauge;
import io.micrometer.core.instrument.MeterRegistry;
import org.apache.kafka.streams.KafkaStreams;

/**
 * {@code mailroute_streams_state{state}}: 1 for the state the streams instance is in, 0 for every
 * other. Kafka reports its client state only as a string metric, which the Prometheus binder drops.
 */
final class StreamsStateMetrics {
    static final String METER = "mailroute.streams.state";

    private StreamsStateMetrics() {}

    static void bindTo(final MeterRegistry registry, final KafkaStreams streams) {
        for (final KafkaStreams.State state : KafkaStreams.State.values()) {
            Gauge.builder(METER, streams, s -> s.state() == state ? 1 : 0)
                    .description("1 for the state the Kafka Streams instance is in, 0 for the others")
                    .tag("state", state.name())
                    .strongReference(true)
                    .register(registry);
        }
    }
}
