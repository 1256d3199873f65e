package io.mailroute.cli.replay;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.Instant;
import org.junit.jupiter.api.Test;

class OffsetTargetTest {

    @Test
    void readsIsoTimesWithAndWithoutAnOffset() {
        assertThat(OffsetTarget.at("2026-11-23T08:00:00Z").time()).isEqualTo(Instant.parse("2026-11-23T08:00:00Z"));
        assertThat(OffsetTarget.at("2026-11-23T17:00:00+09:00").time())
                .isEqualTo(Instant.parse("2026-11-23T08:00:00Z"));
        assertThat(OffsetTarget.at("2026-11-23T08:00:00").time()).isEqualTo(Instant.parse("2026-11-23T08:00:00Z"));
        assertThat(OffsetTarget.earliest().time()).isNull();
    }

    @Test
    void rejectsWhatIsNoIsoTimeWithAnExample() {
        assertThatThrownBy(() -> OffsetTarget.at("23.11.2026 08:00"))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("such as 2026-11-23T08:00:00Z");
    }

    @Test
    void describesItselfForThePlan() {
        assertThat(OffsetTarget.earliest()).hasToString("the earliest offset");
        assertThat(OffsetTarget.at("2026-11-23T08:00:00Z"))
                .hasToString("the first record at or after 2026-11-23T08:00:00Z");
    }
}
