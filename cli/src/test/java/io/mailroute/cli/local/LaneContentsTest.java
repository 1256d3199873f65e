package io.mailroute.cli.local;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.Map;
import org.junit.jupiter.api.Test;

class LaneContentsTest {

    @Test
    void shouldPrintEveryLaneInLaneOrder() {
        final LaneContents counts = new LaneContents(
                Map.of("notify", 4L, "ticket", 4L, "order-import", 2L, "quarantine", 1L, "dlq", 1L), // no retry yet
                Map.of("notify", 4L, "ticket", 4L, "order-import", 2L, "quarantine", 1L, "dlq", 1L));

        assertThat(counts.table()).isEqualTo("notify 4  ticket 4  order-import 2  quarantine 1  retry 0  dlq 1");
    }
}
