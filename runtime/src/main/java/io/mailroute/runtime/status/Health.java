package io.mailroute.runtime.status;

import java.util.Map;
import java.util.function.Supplier;
import org.apache.kafka.streams.KafkaStreams;

/**
 * The probes: live while the streams have not failed ({@code /livez}), ready once they are RUNNING
 * ({@code /readyz}). Both answer from the moment the status server starts, which is before the
 * streams start, so that a probe tells "starting" (live, not ready) from "dead" (not live).
 */
final class Health {
    private final Supplier<KafkaStreams.State> streams;

    Health(final Supplier<KafkaStreams.State> streams) {
        this.streams = streams;
    }

    ApiResponse live() {
        final KafkaStreams.State state = streams.get();
        final boolean live = state != KafkaStreams.State.ERROR && state != KafkaStreams.State.PENDING_ERROR;
        return ApiResponse.json(live ? 200 : 503, Map.of("live", live, "state", state.name()));
    }

    ApiResponse ready() {
        final KafkaStreams.State state = streams.get();
        final boolean ready = state == KafkaStreams.State.RUNNING;
        return ApiResponse.json(ready ? 200 : 503, Map.of("ready", ready, "state", state.name()));
    }
}
