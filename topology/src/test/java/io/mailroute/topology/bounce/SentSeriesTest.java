package io.mailroute.topology.bounce;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.Duration;
import java.util.List;
import org.apache.kafka.common.errors.SerializationException;
import org.junit.jupiter.api.Test;

class SentSeriesTest {
    private static final long HOUR = Duration.ofHours(1).toMillis();
    private static final long KEEP = 2 * HOUR;

    @Test
    void shouldHaveNoSentCountForAWindowNoIntervalOverlaps() {
        // given
        final SentSeries series = SentSeries.NONE.with(new SentSeries.Interval(0, HOUR, 100), KEEP);

        // then: touching is not overlapping
        assertThat(series.sentWithin(HOUR, 2 * HOUR)).isEmpty();
        assertThat(SentSeries.NONE.sentWithin(0, HOUR)).isEmpty();
    }

    @Test
    void shouldSpreadEachIntervalEvenlyOverItsLength() {
        // given: 100 in the first hour, 40 in the second
        final SentSeries series = SentSeries.NONE
                .with(new SentSeries.Interval(0, HOUR, 100), KEEP)
                .with(new SentSeries.Interval(HOUR, 2 * HOUR, 40), KEEP);

        // then: the hour from half past is half of each
        assertThat(series.sentWithin(HOUR / 2, HOUR + HOUR / 2)).hasValue(70.0);
        assertThat(series.sentWithin(0, 2 * HOUR)).hasValue(140.0);
    }

    @Test
    void shouldReplaceAnIntervalWithTheSameBounds() {
        // when: the same hour imported twice, corrected the second time
        final SentSeries series = SentSeries.NONE
                .with(new SentSeries.Interval(0, HOUR, 100), KEEP)
                .with(new SentSeries.Interval(0, HOUR, 120), KEEP);

        // then
        assertThat(series.intervals()).containsExactly(new SentSeries.Interval(0, HOUR, 120));
    }

    @Test
    void shouldDropIntervalsThatEndedLongBeforeTheNewest() {
        // when: hours 0, 1, 2 and 3, keeping two hours
        SentSeries series = SentSeries.NONE;
        for (int hour = 3; hour >= 0; hour--) {
            series = series.with(new SentSeries.Interval(hour * HOUR, (hour + 1) * HOUR, hour), KEEP);
        }

        // then: ordered by start, the hours ending more than two hours before the newest end are gone
        assertThat(series.intervals()).extracting(SentSeries.Interval::count).containsExactly(2L, 3L);
    }

    @Test
    void shouldRoundTripThroughItsSerdeAndRefuseOtherBytes() {
        // given
        final SentSeries series = new SentSeries(
                List.of(new SentSeries.Interval(0, HOUR, 7), new SentSeries.Interval(HOUR, 2 * HOUR, 9)));

        // when
        final byte[] bytes = SentSeries.serde().serializer().serialize("t", series);

        // then
        assertThat(SentSeries.serde().deserializer().deserialize("t", bytes)).isEqualTo(series);
        assertThatThrownBy(() -> SentSeries.serde().deserializer().deserialize("t", new byte[] {9, 0, 0, 0, 0}))
                .isInstanceOf(SerializationException.class);
        assertThatThrownBy(() -> SentSeries.serde().deserializer().deserialize("t", new byte[] {1, 0, 0, 0, 2}))
                .isInstanceOf(SerializationException.class);
    }

    @Test
    void shouldNameTheWindowInAlerts() {
        assertThat(BounceRateAlert.lastWindow(Duration.ofHours(1))).isEqualTo("the last hour");
        assertThat(BounceRateAlert.lastWindow(Duration.ofHours(3))).isEqualTo("the last 3 hours");
        assertThat(BounceRateAlert.lastWindow(Duration.ofMinutes(30))).isEqualTo("the last 30 minutes");
        assertThat(BounceRateAlert.lastWindow(Duration.ofSeconds(90))).isEqualTo("the last 90000 ms");
    }
}
