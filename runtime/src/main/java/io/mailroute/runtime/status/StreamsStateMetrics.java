package io.mailroute.runtime.status;

import io.micrometer.core.instrument.Gauge;
import io.micrometer.core.instrument.MeterRegistry;
import org.apache.kafka.streams.KafkaStreams;

/**
 * {@code mailroute_streams_state{state}}: 1 for the state the streams instance is in, 0 for every
 * other. Kafka's own {@code kafka_stream_client_state} is the state's ordinal number, which changes
 * meaning with the enum's order; dashboards and alerts match this gauge's state name instead.
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
