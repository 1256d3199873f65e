package io.mailroute.cli.bench;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.Map;
import org.apache.kafka.clients.consumer.OffsetAndMetadata;
import org.apache.kafka.common.TopicPartition;
import org.junit.jupiter.api.Test;

/** How far a group's commits are from a topic's end offsets. */
class GroupProgressTest {
    private static final TopicPartition P0 = new TopicPartition("mail.raw", 0);
    private static final TopicPartition P1 = new TopicPartition("mail.raw", 1);

    @Test
    void shouldCountTheRecordsNotYetCommittedAndNothingBeyondTheEnd() {
        final Map<TopicPartition, Long> end = Map.of(P0, 120L, P1, 80L);

        assertThat(GroupProgress.behind(Map.of(), end)).isEqualTo(200);
        assertThat(GroupProgress.behind(Map.of(P0, new OffsetAndMetadata(100)), end))
                .isEqualTo(100);
        // a commit past a transaction marker the end offset was read before
        assertThat(GroupProgress.behind(Map.of(P0, new OffsetAndMetadata(121), P1, new OffsetAndMetadata(80)), end))
                .isZero();
    }
}
