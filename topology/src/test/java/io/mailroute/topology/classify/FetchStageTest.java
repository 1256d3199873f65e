package io.mailroute.topology.classify;

import static org.assertj.core.api.Assertions.assertThat;

import io.mailroute.s3.S3Failure.Kind;
import java.util.Arrays;
import java.util.EnumSet;
import org.junit.jupiter.api.Test;

class FetchStageTest {

    @Test
    void shouldLetAMailWaitOnlyWhenTimeOrAnOperatorCanFixItsFetch() {
        // when
        final EnumSet<Kind> waiting = EnumSet.noneOf(Kind.class);
        Arrays.stream(Kind.values()).filter(FetchStage::waits).forEach(waiting::add);

        // then: the connector fails its task on ACCESS_DENIED and MISCONFIGURED; here the mail waits
        assertThat(waiting)
                .containsExactlyInAnyOrder(Kind.TRANSIENT, Kind.ACCESS_DENIED, Kind.MISCONFIGURED, Kind.PERMANENT);
        assertThat(EnumSet.complementOf(waiting))
                .containsExactlyInAnyOrder(
                        Kind.NOT_FOUND,
                        Kind.NO_SUCH_BUCKET,
                        Kind.CHANGED); // dead letters: the bytes are gone or not the ones recorded
    }
}
