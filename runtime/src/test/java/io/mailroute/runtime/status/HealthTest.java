package io.mailroute.runtime.status;

import static org.assertj.core.api.Assertions.assertThat;

import org.apache.kafka.streams.KafkaStreams.State;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

class HealthTest {

    @ParameterizedTest
    @CsvSource({
        "CREATED, 200, 503",
        "REBALANCING, 200, 503",
        "RUNNING, 200, 200",
        "PENDING_SHUTDOWN, 200, 503",
        "NOT_RUNNING, 200, 503",
        "PENDING_ERROR, 503, 503",
        "ERROR, 503, 503"
    })
    void shouldBeLiveUntilTheStreamsFailAndReadyOnlyWhileTheyRun(final State state, final int live, final int ready) {
        // given
        final Health health = new Health(() -> state);

        // when
        final ApiResponse liveness = health.live();
        final ApiResponse readiness = health.ready();

        // then
        assertThat(liveness.status()).isEqualTo(live);
        assertThat(liveness.bodyText()).contains("\"state\":\"" + state + "\"");
        assertThat(readiness.status()).isEqualTo(ready);
        assertThat(readiness.bodyText()).contains("\"ready\":" + (ready == 200));
    }
}
