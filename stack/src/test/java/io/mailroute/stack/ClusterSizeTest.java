package io.mailroute.stack;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import org.junit.jupiter.api.Test;

class ClusterSizeTest {

    @Test
    void shouldReplicateThreeTimesWithTwoInSyncFromThreeBrokersOn() {
        assertThat(new ClusterSize(1, 1, 2).replicationFactor()).isEqualTo((short) 1);
        assertThat(new ClusterSize(1, 1, 2).minInsyncReplicas()).isEqualTo(1);
        assertThat(new ClusterSize(2, 1, 1).replicationFactor()).isEqualTo((short) 1);
        assertThat(new ClusterSize(3, 1, 1).replicationFactor()).isEqualTo((short) 3);
        assertThat(new ClusterSize(3, 1, 1).minInsyncReplicas()).isEqualTo(2);
        assertThat(new ClusterSize(5, 1, 1).replicationFactor()).isEqualTo((short) 3);
        assertThat(new ClusterSize(5, 1, 1).minInsyncReplicas()).isEqualTo(2);
    }

    @Test
    void shouldRunSeparateJvmsForAnythingButOneOfEach() {
        assertThat(ClusterSize.SINGLE.separateJvms()).isFalse();
        assertThat(new ClusterSize(1, 2, 1).separateJvms()).isTrue();
    }

    @Test
    void shouldRefuseFewerThanOneOfAKind() {
        assertThatThrownBy(() -> new ClusterSize(0, 1, 1)).hasMessage("--brokers must be at least 1, not 0");
        assertThatThrownBy(() -> new ClusterSize(1, 0, 1)).hasMessage("--workers must be at least 1, not 0");
        assertThatThrownBy(() -> new ClusterSize(1, 1, -1)).hasMessage("--instances must be at least 1, not -1");
    }
}
