package io.mailroute.runtime.status;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

class LaneRateWindowTest {
    private static final long NOW = 1_800_000_000_000L;

    @Test
    void shouldAverageEventsPerMinuteOverTheWindow() {
        // given
        final LaneRateWindow window = new LaneRateWindow();

        // when
        for (int i = 0; i < 30; i++) {
            window.record(NOW - i * 1_000L, NOW); // 30 in the last minute
        }
        window.record(NOW - 200_000, NOW); // 1 more in the last five minutes
        window.record(NOW - 400_000, NOW); // outside

        // then
        assertThat(window.perMinute(60, NOW)).isEqualTo(30.0);
        assertThat(window.perMinute(300, NOW)).isEqualTo(31 * 60.0 / 300);
    }

    @Test
    void shouldForgetBucketsAsTimeMovesOn() {
        // given
        final LaneRateWindow window = new LaneRateWindow();
        window.record(NOW, NOW);

        // when: the same slot is reused five minutes later
        window.record(NOW + 300_000, NOW + 300_000);

        // then
        assertThat(window.perMinute(300, NOW + 300_000)).isEqualTo(60.0 / 300);
        assertThat(window.perMinute(60, NOW + 400_000)).isZero();
    }

    @Test
    void shouldCountARecordStampedAheadOfTheClockAsNow() {
        // given
        final LaneRateWindow window = new LaneRateWindow();

        // when
        window.record(NOW + 1_500, NOW);

        // then
        assertThat(window.perMinute(60, NOW)).isEqualTo(1.0);
    }
}
